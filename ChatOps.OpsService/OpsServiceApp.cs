using System.Net;
using System.Reflection;
using ChatOps.OpsService.Backends;
using ChatOps.OpsService.Config;
using ChatOps.OpsService.Deploy;
using ChatOps.OpsService.Grpc;
using ChatOps.OpsService.Hosting;
using ChatOps.OpsService.Metrics;
using ChatOps.OpsService.Profiles;
using ChatOps.OpsService.Service;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ChatOps.OpsService;

/// <summary>The Ops service: gRPC on Grpc.AspNetCore (h2c, optional TLS) answering from Prometheus,
/// Jaeger and the sampling file, plus /metrics and /healthz on an HTTP/1.1 listener of their own.</summary>
public static class OpsServiceApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // CallLogInterceptor's line says who asked for what; ASP.NET's and gRPC's own request lines only repeat it.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        builder.Services.AddOptions<OpsServiceOptions>().BindConfiguration(OpsServiceOptions.Section);
        var options = builder.Configuration.GetSection(OpsServiceOptions.Section).Get<OpsServiceOptions>() ?? new OpsServiceOptions();
        var problems = OpsServiceSettings.Problems(options);
        if (problems.Count > 0) throw new OptionsValidationException(OpsServiceOptions.Section, typeof(OpsServiceOptions), problems);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // gRPC's message limit answers RESOURCE_EXHAUSTED; Kestrel's sits above it so it never cuts in first.
            kestrel.Limits.MaxRequestBodySize = options.MaxMessageBytes + 1024L * 1024;
            Listen(kestrel, options.Listen, HttpProtocols.Http2, null);
            if (!string.IsNullOrEmpty(options.TlsListen))
                Listen(kestrel, options.TlsListen, HttpProtocols.Http2, l => l.UseHttps(options.TlsCertificate!, options.TlsCertificatePassword));
            Listen(kestrel, options.MetricsListen, HttpProtocols.Http1, null);
        });

        // Through the factory; the singletons keep one client each, so connections are recycled by the handler
        // itself (DNS changes) rather than by the factory's rotation, which a kept client never sees.
        builder.Services.AddHttpClient("backends", http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<OpsServiceOptions>>().Value);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new PrometheusClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("backends"), options.PrometheusUrl));
        builder.Services.AddSingleton(sp => new JaegerClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("backends"), options.JaegerUrl));
        builder.Services.AddSingleton(sp => new AlertmanagerClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("backends"), options.AlertmanagerUrl));
        var configLocks = new ConfigLocks();
        builder.Services.AddSingleton(configLocks);
        builder.Services.AddSingleton(new SamplingFile(options.SamplingFile, configLocks));
        builder.Services.AddSingleton(new CallMetrics(Version()));
        builder.Services.AddSingleton(sp => new DeploymentHistory(options.Deploy.HistoryFile, sp.GetRequiredService<ILogger<DeploymentHistory>>()));
        builder.Services.AddSingleton<ActionRunner>();
        builder.Services.AddSingleton(sp => new Deployments(options.Deploy, sp.GetRequiredService<DeploymentHistory>(),
            sp.GetRequiredService<ActionRunner>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Deployments>>(),
            new PrometheusVersionProbe(sp.GetRequiredService<PrometheusClient>(), options.Deploy, options.VersionQuery)));
        // Profiles take as long as asked (up to minutes); the fetcher bounds each request itself.
        builder.Services.AddHttpClient("profiles", http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.None })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton(sp => new ProfileFetcher(sp.GetRequiredService<IHttpClientFactory>().CreateClient("profiles")));
        builder.Services.AddSingleton(sp => new ProfileCaptures(options.Profiles, sp.GetRequiredService<ProfileFetcher>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ProfileCaptures>>()));
        builder.Services.AddSingleton(new ConfigTargets(options.Config, options.SamplingFile));
        builder.Services.AddSingleton(new ConfigHistory(options.Config.HistoryFolder, options.Config.PlannedKept, options.Config.PlannedFor));
        builder.Services.AddSingleton(sp => new ConfigChecks(sp.GetRequiredService<ActionRunner>(), sp.GetRequiredService<IHttpClientFactory>().CreateClient("backends"),
            sp.GetRequiredService<PrometheusClient>(), sp.GetRequiredService<TimeProvider>(), options.Config.MaxOutputLines));
        builder.Services.AddSingleton<ConfigPushes>();
        builder.Services.AddSingleton<OpsImplementation>();
        builder.Services.AddSingleton<CallMetricsInterceptor>();
        builder.Services.AddSingleton<CallLogInterceptor>();
        builder.Services.AddSingleton<TokenInterceptor>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            // Outermost first: the count and the log line also see calls the token check refuses.
            grpc.Interceptors.Add<CallMetricsInterceptor>();
            grpc.Interceptors.Add<CallLogInterceptor>();
            grpc.Interceptors.Add<TokenInterceptor>();
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRouting();
        app.UseListenerSeparation(new Uri(options.MetricsListen).Port);
        app.MapGet("/metrics", (CallMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"))
            .OnMetricsListenerOnly();
        app.MapGet("/healthz", () => Results.Text("ok")).OnMetricsListenerOnly();
        app.MapGrpcService<OpsImplementation>();
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols, Action<ListenOptions>? more)
    {
        var uri = new Uri(url);
        Action<ListenOptions> configure = l =>
        {
            l.Protocols = protocols;
            more?.Invoke(l);
        };
        if (uri.Host is "localhost") kestrel.ListenLocalhost(uri.Port, configure);
        else if (uri.Host is "0.0.0.0" or "*" or "+") kestrel.ListenAnyIP(uri.Port, configure);
        else kestrel.Listen(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port, configure);
    }

    private static string Version()
    {
        var informational = typeof(OpsServiceApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return informational.Split('+')[0];
    }
}
