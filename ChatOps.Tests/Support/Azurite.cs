using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ChatOps.Tests.Support;

/// <summary>
/// A real Azurite (npm, pinned in tools/azurite, installed by scripts/setup) on ports the OS picks, with its
/// data in a temp folder. One is shared by the whole run for tests that keep apart by container name; a test
/// whose app polls the fixed queue names starts its own, so no other test takes its messages.
/// </summary>
public sealed partial class Azurite : IAsyncDisposable
{
    private static readonly Lazy<Task<Azurite>> Shared = new(StartAsync);
    private readonly Process _process;
    private readonly string _data;

    private Azurite(Process process, string data, int blobPort, int queuePort)
    {
        _process = process;
        _data = data;
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                           // Azurite's published development key: a well-known constant, not a secret.
                           "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                           $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static Task<Azurite> SharedAsync() => Shared.Value;

    public ValueTask DisposeAsync()
    {
        if (ReferenceEquals(Shared.IsValueCreated && Shared.Value.IsCompletedSuccessfully ? Shared.Value.Result : null, this)) return ValueTask.CompletedTask;
        Stop(_process, _data);
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process, string data)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            Directory.Delete(data, recursive: true);
        }
        catch (Exception)
        {
            // Best effort: the temp folder is the OS's to clean.
        }
    }

    public static async Task<Azurite> StartAsync()
    {
        var executable = Path.Combine(RepoRoot.Path, "tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable)) throw new InvalidOperationException($"Azurite is not installed at {executable}: run scripts/setup");
        var data = Directory.CreateTempSubdirectory("chatops-azurite-").FullName;
        // Through a watchdog that stops Azurite once this test process is gone: the test host can be ended
        // without running exit handlers, and an emulator left behind by every run would pile up.
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", Watchdog, "azurite", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), executable,
                "--location", data, "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--blobPort", "0", "--queuePort", "0",
                "--tablePort", "0", "--skipApiVersionCheck", "--loose", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, data);

        int? blob = null, queue = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((blob is null || queue is null) && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } m)
            {
                var port = int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (m.Groups["service"].Value == "Blob") blob = port;
                else if (m.Groups["service"].Value == "Queue") queue = port;
            }
        }
        if (blob is null || queue is null)
        {
            Stop(process, data);
            throw new InvalidOperationException("Azurite did not start: " + await process.StandardError.ReadToEndAsync());
        }
        // Keep draining its output so it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new Azurite(process, data, blob.Value, queue.Value);
    }

    // $1 the test process, $2 Azurite, the rest its arguments; a TERM to the watchdog stops Azurite too.
    private const string Watchdog =
        "parent=$1; shift; \"$@\" & child=$!; trap 'kill $child 2>/dev/null; exit' TERM INT; " +
        "while kill -0 \"$parent\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null; wait $child";

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex Listening();
}
