using ChatOps.Core.Ops;
using ChatOps.Core.Options;
using ChatOps.Functions.Ops;
using ChatOps.OpsService;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Support;

/// <summary>The real ChatOps.OpsService on loopback ports, with the bot's own gRPC client pointed at it.</summary>
public sealed class OpsServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OpsServiceHost(WebApplication app, int grpcPort, int metricsPort, string samplingFile, RecordingLoggerProvider logs)
    {
        Logs = logs;
        _app = app;
        GrpcPort = grpcPort;
        MetricsPort = metricsPort;
        SamplingFile = samplingFile;
    }

    public RecordingLoggerProvider Logs { get; } = new();
    public int GrpcPort { get; }
    public int MetricsPort { get; }
    public string SamplingFile { get; }
    public string Endpoint => $"http://127.0.0.1:{GrpcPort}";

    public static async Task<OpsServiceHost> StartAsync(string prometheusUrl, string jaegerUrl, params (string Key, string Value)[] settings)
    {
        var (grpc, metrics) = (FreePort.Next(), FreePort.Next());
        var sampling = Path.Combine(Directory.CreateTempSubdirectory("sampling-").FullName, "strategies.json");
        var values = new Dictionary<string, string>
        {
            ["OpsService:Listen"] = $"http://127.0.0.1:{grpc}",
            ["OpsService:MetricsListen"] = $"http://127.0.0.1:{metrics}",
            ["OpsService:PrometheusUrl"] = prometheusUrl,
            ["OpsService:JaegerUrl"] = jaegerUrl,
            ["OpsService:SamplingFile"] = sampling,
            ["OpsService:DefaultService"] = "checkout",
        };
        foreach (var (k, v) in settings) values[k] = v;
        var logs = new RecordingLoggerProvider();
        var app = OpsServiceApp.Build(values.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), b =>
        {
            b.Logging.ClearProviders().AddProvider(logs);
            b.Logging.AddFilter("Microsoft", LogLevel.Warning);
        });
        await app.StartAsync();
        return new OpsServiceHost(app, grpc, metrics, sampling, logs);
    }

    /// <summary>The bot's production client over the channel the app makes (retry policy included).</summary>
    public IOpsClient Client(string? token = null, TimeSpan? timeout = null)
    {
        var options = new OpsOptions { Endpoint = Endpoint, Token = token, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        return new OpsGrpcClient(OpsChannel.Create(options, OpsChannel.Handler()).CreateCallInvoker(), options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
