using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// Debian's prometheus-alertmanager (installed by scripts/setup) on a free loopback port, clustering off, routing
/// every alert to one webhook receiver with a bearer token, with short group timings so a test sees firing and
/// resolved notifications within seconds. Stopped and its data removed on dispose.
/// </summary>
public sealed class RealAlertmanager : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly StringBuilder _log = new();

    private RealAlertmanager(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    public static async Task<RealAlertmanager> StartAsync(string webhookUrl, string token, int? port = null)
    {
        var dir = Directory.CreateTempSubdirectory("alertmanager-").FullName;
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
        var start = new ProcessStartInfo("prometheus-alertmanager",
        [
            "--config.file=" + Path.Combine(dir, "alertmanager.yml"), "--storage.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", "--log.level=warn",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        var process = Process.Start(start)!;
        var alertmanager = new RealAlertmanager(process, dir, port.Value);
        process.ErrorDataReceived += (_, e) => { lock (alertmanager._log) alertmanager._log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await alertmanager.WaitUntilAsync("/-/ready", _ => true, TimeSpan.FromSeconds(30));
        }
        catch
        {
            await alertmanager.DisposeAsync();
            throw;
        }
        return alertmanager;
    }

    /// <summary>Polls an API path until the JSON answer satisfies the condition.</summary>
    public async Task<JsonNode> WaitUntilAsync(string path, Func<JsonNode?, bool> condition, TimeSpan timeout)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException("alertmanager exited: " + _log);
            try
            {
                var text = await http.GetStringAsync(Url + path);
                var json = path.StartsWith("/api", StringComparison.Ordinal) ? JsonNode.Parse(text) : JsonValue.Create(text);
                if (condition(json)) return json!;
            }
            catch (Exception e) when (e is HttpRequestException or NullReferenceException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
            {
                // Not ready yet: poll again.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"alertmanager {path} never satisfied the condition: {_log}");
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
