using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace LoadGen;

/// <summary>A process the harness started: its output goes to a log file, and it is always stopped
/// (with its whole tree: Playwright's driver and Chromium) when disposed.</summary>
public sealed class Child : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private Child(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the process; <paramref name="started"/> is the Stopwatch timestamp taken just before the start.</summary>
    public static Child Start(string file, IEnumerable<string> args, IDictionary<string, string> env, string workingDirectory, string logPath, out long started)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        started = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Child(process, log);
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    /// <summary>Peak resident set (VmHWM) and current resident set (VmRSS) in MiB, from /proc.</summary>
    public static (double Hwm, double Rss) Memory(int pid)
    {
        double hwm = 0, rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kib(line) / 1024.0;
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kib(line) / 1024.0;
        }
        return (hwm, rss);
    }

    /// <summary>Proportional set size in MiB (shared pages divided among their sharers), from smaps_rollup.</summary>
    public static double PssMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            if (line.StartsWith("Pss:", StringComparison.Ordinal)) return Kib(line) / 1024.0;
        return 0;
    }

    /// <summary>User + system CPU seconds the process has used (/proc/&lt;pid&gt;/stat, clock ticks of 10 ms).</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long Kib(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>Every live descendant of <paramref name="pid"/> with its command name.</summary>
    public static List<(int Pid, string Name)> Descendants(int pid)
    {
        var parents = new Dictionary<int, (int Parent, string Name)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var p)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                parents[p] = (int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close]);
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }
        var result = new List<(int, string)>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (p, (parent, name)) in parents)
            {
                if (parent != current) continue;
                result.Add((p, name));
                frontier.Enqueue(p);
            }
        }
        return result;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            Console.Error.WriteLine($"warning: process {_process.Id} did not stop cleanly: {ex.Message}");
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
