using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// The Ops service served by python3-grpcio (Debian's package, installed by scripts/setup) from the
/// same .proto files: a gRPC implementation nobody here wrote. Answers from a JSON fixture, records
/// every call (request fields and metadata) as JSON lines, and can be told to fail or stall.
/// </summary>
public sealed class PythonOpsServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _record;
    private readonly StringBuilder _errors = new();

    private PythonOpsServer(Process process, string record, int port)
    {
        _process = process;
        _record = record;
        Port = port;
    }

    public int Port { get; }
    public string Endpoint => $"http://127.0.0.1:{Port}";

    public static async Task<PythonOpsServer> StartAsync(JsonObject fixture, params string[] extraArgs)
    {
        var dir = Directory.CreateTempSubdirectory("ops-server-").FullName;
        var fixturePath = Path.Combine(dir, "fixture.json");
        var record = Path.Combine(dir, "calls.jsonl");
        await File.WriteAllTextAsync(fixturePath, fixture.ToJsonString());
        var script = Path.Combine(RepoRoot.Path, "ChatOps.Tests", "Interop", "ops_server.py");
        var start = new ProcessStartInfo("/usr/bin/python3",
            [script, "--port", "0", "--fixture", fixturePath, "--record", record, "--exit-on-stdin-eof", .. extraArgs])
        {
            // The server stops when its stdin closes, so it never outlives a crashed test run.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var server = new PythonOpsServer(process, record, await ReadPortAsync(process));
        process.ErrorDataReceived += (_, e) => { lock (server._errors) server._errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        return server;
    }

    private static async Task<int> ReadPortAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("PORT ", StringComparison.Ordinal))
            throw new InvalidOperationException($"ops_server.py did not start: {line} {await process.StandardError.ReadToEndAsync()}");
        return int.Parse(line[5..]);
    }

    /// <summary>The calls the server received so far, in order.</summary>
    public IReadOnlyList<JsonObject> Calls()
    {
        if (!File.Exists(_record)) return [];
        using var stream = new FileStream(_record, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }

    public JsonObject SingleCall(string method) => Assert.Single(Calls(), c => (string?)c["method"] == method);

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
