using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>The Ops service and a real Prometheus that scrapes the service's own /metrics and fires
/// a test alert; shared by the tests of one class because Prometheus takes a few seconds to settle.</summary>
public sealed class PrometheusStack : IAsyncLifetime
{
    public OpsServiceHost Ops { get; private set; } = null!;
    public RealPrometheus Prometheus { get; private set; } = null!;
    public FakeJaeger Jaeger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var promPort = FreePort.Next();
        Jaeger = await FakeJaeger.StartAsync();
        Ops = await OpsServiceHost.StartAsync($"http://127.0.0.1:{promPort}", Jaeger.Url);
        Prometheus = await RealPrometheus.StartAsync($"127.0.0.1:{Ops.MetricsPort}", promPort);
        // Settled: the alert fired and the service's build info has been scraped.
        await Prometheus.WaitUntilAsync("/api/v1/alerts",
            j => j!["data"]!["alerts"]!.AsArray().Any(a => (string?)a!["labels"]!["alertname"] == "CheckoutErrorRate" && (string?)a["state"] == "firing"),
            TimeSpan.FromSeconds(30));
        await Prometheus.WaitUntilAsync("/api/v1/query?query=chatops_ops_build_info",
            j => j!["data"]!["result"]!.AsArray().Count > 0, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Ops.DisposeAsync();
        await Jaeger.DisposeAsync();
    }
}
