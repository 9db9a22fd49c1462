using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// Debian's Prometheus (installed by scripts/setup), started on a free loopback port with a 1 s scrape
/// of the given target and a rule file whose alert fires at once. Stopped and its data removed on dispose.
/// </summary>
public sealed class RealPrometheus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly StringBuilder _log = new();

    private RealPrometheus(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <param name="rules">A rule file to use instead of the default one (its YAML).</param>
    /// <param name="alertmanager">host:port of an Alertmanager to send the alerts to.</param>
    public static async Task<RealPrometheus> StartAsync(string scrapeTarget, int? port = null, string? rules = null, string? alertmanager = null)
    {
        var dir = Directory.CreateTempSubdirectory("prometheus-").FullName;
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
        var start = new ProcessStartInfo("prometheus",
        [
            "--config.file=" + Path.Combine(dir, "prometheus.yml"), "--storage.tsdb.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port ??= FreePort.Next()}", "--log.level=warn",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        var process = Process.Start(start)!;
        var prometheus = new RealPrometheus(process, dir, port.Value);
        process.ErrorDataReceived += (_, e) => { lock (prometheus._log) prometheus._log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await prometheus.WaitUntilAsync("/-/ready", _ => true, TimeSpan.FromSeconds(30));
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }
        return prometheus;
    }

    /// <summary>Polls an API path until the JSON answer satisfies the condition.</summary>
    public async Task<JsonNode> WaitUntilAsync(string path, Func<JsonNode?, bool> condition, TimeSpan timeout)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("prometheus exited: " + _log);
            try
            {
                var text = await http.GetStringAsync(Url + path);
                var json = path.StartsWith("/api", StringComparison.Ordinal) ? JsonNode.Parse(text) : JsonValue.Create(text);
                if (condition(json)) return json!;
            }
            catch (Exception e) when (e is HttpRequestException or NullReferenceException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
            {
                // Not ready, or not there yet (an empty result the condition indexes into): poll again.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"prometheus {path} never satisfied the condition: {_log}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
