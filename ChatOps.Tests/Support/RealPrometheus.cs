using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// Debian's Prometheus (installed by scripts/setup), started on a free loopback port with a 1 s scrape
/// of the given target and a rule file whose alert fires at once. Stopped and its data removed on dispose.
/// </summary>
public sealed class RealPrometheus : IAsyncDisposable
{
    private readonly LoopbackDaemon _daemon;

    private RealPrometheus(LoopbackDaemon daemon) => _daemon = daemon;

    public string Url => _daemon.Url;

    /// <summary>Its rule file, which a reload re-reads.</summary>
    public string RulesFile => Path.Combine(_daemon.Folder, "rules.yml");

    /// <param name="rules">A rule file to use instead of the default one (its YAML).</param>
    /// <param name="alertmanager">host:port of an Alertmanager to send the alerts to.</param>
    /// <param name="reloadable">Serves POST /-/reload and scrapes itself, so its reload metrics can be queried.</param>
    public static async Task<RealPrometheus> StartAsync(string scrapeTarget, int? port = null, string? rules = null, string? alertmanager = null,
        bool reloadable = false)
    {
        var dir = LoopbackDaemon.NewFolder("prometheus");
        await File.WriteAllTextAsync(Path.Combine(dir, "rules.yml"), rules ?? """
            groups:
              - name: chatops-test
                interval: 1s
                rules:
                  - alert: CheckoutErrorRate
                    expr: vector(0.93)
                    labels:
                      severity: critical
                      team: payments
                    annotations:
                      summary: 5xx above 5% on checkout
                  - alert: DiskAlmostFull
                    expr: vector(1)
                    for: 1h
                    labels:
                      severity: warning
                    annotations:
                      summary: disk will fill within 4h
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [rules.yml]
            {(alertmanager is null ? "" : $"alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [\"{alertmanager}\"]")}
            scrape_configs:
              - job_name: chatops-ops
                static_configs:
                  - targets: ["{scrapeTarget}"]
            """);
        port ??= FreePort.Next();
        if (reloadable)
            await File.AppendAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""

                  - job_name: prometheus
                    static_configs:
                      - targets: ["127.0.0.1:{port}"]
                """);
        return new RealPrometheus(await LoopbackDaemon.StartAsync("prometheus", dir, port.Value,
        [
            "--config.file=" + Path.Combine(dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn", .. (reloadable ? new[] { "--web.enable-lifecycle" } : []),
        ]));
    }

    /// <summary>Polls an API path until the JSON answer satisfies the condition.</summary>
    public Task<JsonNode> WaitUntilAsync(string path, Func<JsonNode?, bool> condition, TimeSpan timeout) =>
        _daemon.WaitUntilAsync(path, condition, timeout);

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
