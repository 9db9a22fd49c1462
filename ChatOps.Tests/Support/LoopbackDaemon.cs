using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// A Debian daemon (Prometheus, Alertmanager) run from its own temporary folder on a loopback port: started,
/// waited for on /-/ready, polled through its HTTP API, and on dispose stopped with its folder removed. What it
/// writes to stderr is kept for the failure messages. The callers write the configuration and pick the flags.
/// </summary>
public sealed class LoopbackDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly StringBuilder _log = new();

    private LoopbackDaemon(Process process, string name, string folder, int port)
    {
        _process = process;
        _name = name;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }
    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>A new folder for the daemon's configuration, before <see cref="StartAsync"/>.</summary>
    public static string NewFolder(string name) => Directory.CreateTempSubdirectory(name + "-").FullName;

    public static async Task<LoopbackDaemon> StartAsync(string executable, string folder, int port, IEnumerable<string> arguments)
    {
        var process = Process.Start(new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        })!;
        var daemon = new LoopbackDaemon(process, executable, folder, port);
        process.ErrorDataReceived += (_, e) => { lock (daemon._log) daemon._log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await daemon.WaitUntilAsync("/-/ready", _ => true, TimeSpan.FromSeconds(30));
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
        return daemon;
    }

    /// <summary>Polls a path until the answer (JSON under /api, else the text) satisfies the condition.</summary>
    public async Task<JsonNode> WaitUntilAsync(string path, Func<JsonNode?, bool> condition, TimeSpan timeout)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{_name} exited: {_log}");
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
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_name} {path} never satisfied the condition: {_log}");
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
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
