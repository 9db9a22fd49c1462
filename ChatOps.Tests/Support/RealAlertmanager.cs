using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// Debian's prometheus-alertmanager (installed by scripts/setup) on a free loopback port, clustering off, routing
/// every alert to one webhook receiver with a bearer token, with short group timings so a test sees firing and
/// resolved notifications within seconds. Stopped and its data removed on dispose.
/// </summary>
public sealed class RealAlertmanager : IAsyncDisposable
{
    private readonly LoopbackDaemon _daemon;

    private RealAlertmanager(LoopbackDaemon daemon, string configFile)
    {
        _daemon = daemon;
        ConfigFile = configFile;
    }

    /// <summary>The configuration file it reads at start and on POST /-/reload.</summary>
    public string ConfigFile { get; }

    public int Port => _daemon.Port;
    public string Url => _daemon.Url;

    public static async Task<RealAlertmanager> StartAsync(string webhookUrl, string token, int? port = null)
    {
        var dir = LoopbackDaemon.NewFolder("alertmanager");
        await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), $"""
            route:
              receiver: chatops
              group_by: [alertname]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 1h
            receivers:
              - name: chatops
                webhook_configs:
                  - url: "{webhookUrl}"
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials: "{token}"
            """);
        port ??= FreePort.Next();
        return new RealAlertmanager(await LoopbackDaemon.StartAsync("prometheus-alertmanager", dir, port.Value,
        [
            "--config.file=" + Path.Combine(dir, "alertmanager.yml"), "--storage.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn",
        ]), Path.Combine(dir, "alertmanager.yml"));
    }

    public Task<JsonNode> WaitUntilAsync(string path, Func<JsonNode?, bool> condition, TimeSpan timeout) =>
        _daemon.WaitUntilAsync(path, condition, timeout);

    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
