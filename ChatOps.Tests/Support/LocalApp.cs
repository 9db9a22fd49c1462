using System.Text;
using ChatOps.Local.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Support;

/// <summary>The local host (`serve`) on a loopback port the OS picks, with its queues in the given Azurite.</summary>
public sealed class LocalApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private LocalApp(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<LocalApp> StartAsync(Azurite azurite, FakeSlackApi slack, IDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null, string? urls = null)
    {
        var values = AppSettings.For(slack, azurite);
        values["LocalQueue:VisibilityTimeout"] = "00:00:00.200";
        values["LocalQueue:Lease"] = "00:00:04";
        values["Logging:LogLevel:Default"] = "Warning";
        // A developer's own local.settings.json must not leak into tests.
        values["LocalSettings:Disabled"] = "true";
        values["urls"] = urls ?? "http://127.0.0.1:0";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) values[k] = v;
        var app = LocalServer.Build(values.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), builder =>
        {
            TestLogs.CaptureInto(builder.Logging);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalApp(app, address.TrimEnd('/') + "/");
    }

    /// <summary>A raw Slack request to /api/slack.</summary>
    public async Task<HttpResponseMessage> PostRawSlackAsync(string body, IDictionary<string, string[]> headers, string path = "api/slack")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        foreach (var (name, values) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) request.Content.Headers.TryAddWithoutValidation(name, values);
            else request.Headers.TryAddWithoutValidation(name, values);
        }
        return await _http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
