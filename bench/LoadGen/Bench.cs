using System.Diagnostics;

namespace LoadGen;

public sealed class BenchResults
{
    public string Date { get; set; } = "";
    public string Machine { get; set; } = "";
    public List<LevelResult> Ack { get; } = [];
    public Dictionary<string, double> DrainSeconds { get; } = [];
    public List<ColdResult> Cold { get; } = [];
    public List<CommandResult> Commands { get; } = [];
    public List<MemoryResult> Memory { get; } = [];
    public List<StormResult> Storms { get; } = [];
    public string? AotNote { get; set; }
}

public sealed record ColdResult(string Mode, double[] StartsMs, double MedianMs, double MinMs, double MaxMs, double MedianHwmMiB, double MedianCpuMs);
public sealed record CommandResult(string Command, string Phase, int Runs, double MedianPostMs, double P95PostMs, double MaxPostMs, double MedianResponseMs);
public sealed record MemoryResult(string Process, string State, double HwmMiB, double RssMiB, string Note);

/// <summary>The three suites. Every process started here is stopped before the suite returns.</summary>
public sealed partial class Bench(Options options, FakeSlack fake)
{
    public const string Local = "ours, local mode: POST /api/slack";
    public const string InProcess = "ours, in process: SlackFunction.RunAsync";
    public const string Bolt = "Bolt 5.1.0: POST /slack/events";
    private static readonly string[] Modes = ["framework-dependent", "self-contained", "ReadyToRun"];
    private static readonly string[] ModeDirs = ["fd", "sc", "r2r"];

    private readonly HttpClient _probe = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        { Timeout = TimeSpan.FromSeconds(60) };

    // ---- 1. the ack path ---------------------------------------------------------------------

    public async Task AckAsync(BenchResults results)
    {
        foreach (var target in new[] { Local, InProcess, Bolt })
        {
            if (!options.Targets.Contains(target == Local ? "local" : target == InProcess ? "inproc" : "bolt")) continue;
            if (target == InProcess)
            {
                await InProcessAckAsync(results);
                continue;
            }
            var port = Child.FreePort();
            await using var child = StartTarget(target, port, "sc", out _);
            var (make, ok) = AckRequest(target, port);
            await WaitForAckAsync(make, ok, child, TimeSpan.FromSeconds(60));
            await Task.Delay(1000);
            var (idleHwm, idleRss) = Child.Memory(child.Pid);
            results.Memory.Add(new MemoryResult(Name(target), "idle, after one ack", idleHwm, idleRss, ""));
            long acked = 1;
            foreach (var level in options.Levels)
            {
                var cpu = Child.CpuSeconds(child.Pid);
                var r = await AckLoad.RunAsync(target, make, ok, level, options.Warmup, options.Duration);
                r = new LevelResult(r.Target, r.Concurrency, r.Requests, r.Errors, r.Seconds, r.Rps, r.P50, r.P99, r.Max, r.Mean, r.TotalOk)
                    { CpuUsPerAck = (Child.CpuSeconds(child.Pid) - cpu) * 1e6 / r.TotalOk };
                acked += r.TotalOk;
                Print(results, r);
                if (target == Local) results.DrainSeconds[$"c={level}"] = await DrainAsync(acked);
            }
            var (hwm, rss) = Child.Memory(child.Pid);
            results.Memory.Add(new MemoryResult(Name(target), $"after the ack load (c={string.Join("/", options.Levels)})", hwm, rss,
                target == Local ? "its queue pump also ran every `help` command from Azurite and posted the reply" : ""));
            if (target == Local) await ClearQueueAsync();
        }
    }

    /// <summary>The `slack` function class called in this process: no HTTP, and no queue write (the host
    /// writes the output after the function returns). Its CPU is this whole process's, the load loop included.</summary>
    private async Task InProcessAckAsync(BenchResults results)
    {
        await using var app = InProcessApp.Start(AppSettings("sc", withOps: false), options.Repo);
        if (!await app.AckAsync("help")) throw new InvalidOperationException("the in-process slack function did not ack");
        foreach (var level in options.Levels)
        {
            var self = Environment.ProcessId;
            var cpu = Child.CpuSeconds(self);
            var r = await AckLoad.RunAsync(InProcess, () => app.AckAsync("help"), level, options.Warmup, options.Duration);
            Print(results, r with { CpuUsPerAck = (Child.CpuSeconds(self) - cpu) * 1e6 / r.TotalOk });
        }
    }

    private static void Print(BenchResults results, LevelResult r)
    {
        results.Ack.Add(r);
        Console.WriteLine($"ack  {r.Target,-40} c={r.Concurrency,-3} {r.Rps,8:0} req/s  p50 {r.P50,6:0.00} ms  p99 {r.P99,6:0.00} ms  max {r.Max,7:0.0} ms  errors {r.Errors}  server CPU {r.CpuUsPerAck,4:0} us/ack");
    }

    /// <summary>Empties chatops-commands between processes, so no process spends its start on another's
    /// leftovers (a cold start's ack is queued, and the process is stopped before it runs).</summary>
    private async Task ClearQueueAsync()
    {
        if (options.Storage is null) return;
        try
        {
            await new Azure.Storage.Queues.QueueClient(options.Storage, ChatOps.Functions.FunctionNames.CommandsQueue).ClearMessagesAsync();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Not created yet: nothing to clear.
        }
    }

    /// <summary>Local mode runs each acked command in process: wait until every reply was posted, so
    /// one level's backlog does not run during the next level's measurement.</summary>
    private async Task<double> DrainAsync(long expected)
    {
        var watch = Stopwatch.StartNew();
        while (fake.Count("chat.postMessage") < expected)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"local mode answered {fake.Count("chat.postMessage")} of {expected} commands in 5 min");
            await Task.Delay(50);
        }
        Console.WriteLine($"     local queue drained in {watch.Elapsed.TotalSeconds:0.0} s ({expected} replies posted in all)");
        return watch.Elapsed.TotalSeconds;
    }

    private static string Name(string target) => target == Bolt ? "Bolt (node)" : "ours, ChatOps.Local serve (self-contained)";

    private (Func<HttpRequestMessage> Make, Func<int, string, bool> Ok) AckRequest(string target, int port) => target switch
    {
        Local => (() => SlackWire.RawRequest(new Uri($"http://127.0.0.1:{port}/api/slack"), "help"), (status, _) => status == 200),
        _ => (() => SlackWire.RawRequest(new Uri($"http://127.0.0.1:{port}/slack/events"), "help"), (status, _) => status == 200),
    };

    private Child StartTarget(string target, int port, string modeDir, out long started, bool withOps = false)
    {
        var log = Path.Combine(options.LogDir, $"{(target == Bolt ? "bolt" : "app-" + modeDir)}-{port}.log");
        if (target == Bolt)
        {
            var env = new Dictionary<string, string> { ["PORT"] = port.ToString(), ["SLACK_SIGNING_SECRET"] = SlackWire.Secret };
            return Child.Start("node", ["app.js"], env, options.BoltDir, log, out started);
        }
        // The working directory is the repo: ChatOps.Local finds host.json in ChatOps.Functions/ from there.
        return Child.Start(Path.Combine(options.PublishDir, modeDir, "ChatOps.Local"), ["serve", "--urls", $"http://127.0.0.1:{port}"],
            AppSettings(modeDir, withOps), options.Repo, log, out started);
    }

    private Dictionary<string, string> AppSettings(string modeDir, bool withOps)
    {
        var env = new Dictionary<string, string>
        {
            ["Slack__SigningSecret"] = SlackWire.Secret,
            ["Slack__BotToken"] = SlackWire.BotToken,
            ["Slack__ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Ops__Endpoint"] = withOps && options.OpsEndpoint is { } ops ? ops : "http://127.0.0.1:1",
            ["LocalSettings__Disabled"] = "true",
            ["Graphs__Shortcuts__scrapes__Query"] = "scrape_duration_seconds * 1000",
            ["Graphs__Shortcuts__scrapes__Title"] = "Scrape duration",
            ["Graphs__Shortcuts__scrapes__Unit"] = "ms",
            ["Graphs__Shortcuts__scrapes__Range"] = "00:15:00",
            // One synthetic user sends thousands of commands a minute; the per-user limit would turn
            // most of them into refusals and measure those instead of the commands.
            ["Limits__CommandsPerMinute"] = "0",
            // The Alertmanager receiver (the alert suite).
            ["Alerts__WebhookToken"] = AlertToken,
            ["Alerts__DefaultChannel"] = "C0BENCHALERTS",
        };
        // The storm suite's teams, one channel each.
        for (var i = 0; i < StormChannels; i++)
        {
            env[$"Alerts__Routes__{i}__Matchers"] = $"team=t{i}";
            env[$"Alerts__Routes__{i}__Channel"] = $"C0STORM{i}";
        }
        if (options.Storage is { } storage) env["AzureWebJobsStorage"] = storage;
        if (modeDir == "fd") env["DOTNET_ROOT"] = options.DotnetRoot;
        foreach (var (k, v) in options.AppEnv) env[k] = v;
        return env;
    }

    /// <summary>Sends acks until one succeeds; returns the Stopwatch timestamp of that success.</summary>
    private async Task<long> WaitForAckAsync(Func<HttpRequestMessage> make, Func<int, string, bool> ok, Child child, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                using var request = make();
                using var response = await _probe.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (ok((int)response.StatusCode, body)) return Stopwatch.GetTimestamp();
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (child.HasExited) throw new InvalidOperationException($"the process under test exited before its first ack; see {options.LogDir}");
            await Task.Delay(1);
        }
        throw new TimeoutException($"no successful ack within {limit.TotalSeconds} s; see {options.LogDir}");
    }

    // ---- 2. cold start -------------------------------------------------------------------------

    public async Task ColdAsync(BenchResults results)
    {
        results.AotNote = options.AotNote;
        var modes = new List<(string Mode, string Target, string Dir)>();
        for (var m = 0; m < Modes.Length; m++)
            if (options.ColdModes.Contains(ModeDirs[m]) && File.Exists(Path.Combine(options.PublishDir, ModeDirs[m], "ChatOps.Local")))
                modes.Add((Modes[m], Local, ModeDirs[m]));
        if (options.ColdModes.Contains("bolt")) modes.Add(("Bolt 5.1.0 (node)", Bolt, "bolt"));

        // Round-robin over the modes, so the machine's other load drifts over all of them alike.
        var samples = modes.ToDictionary(m => m.Mode, _ => (Starts: new List<double>(), Hwm: new List<double>(), Cpu: new List<double>()));
        for (var i = 0; i < options.ColdRuns; i++)
        {
            foreach (var (mode, target, dir) in modes)
            {
                var port = Child.FreePort();
                var (make, ok) = AckRequest(target, port);
                await using (var child = StartTarget(target, port, dir, out var started))
                {
                    var acked = await WaitForAckAsync(make, ok, child, TimeSpan.FromSeconds(60));
                    samples[mode].Starts.Add(Stopwatch.GetElapsedTime(started, acked).TotalMilliseconds);
                    samples[mode].Hwm.Add(Child.Memory(child.Pid).Hwm);
                    samples[mode].Cpu.Add(Child.CpuSeconds(child.Pid) * 1000);
                }
                if (target == Local) await ClearQueueAsync();
            }
        }
        foreach (var (mode, _, _) in modes)
        {
            var (starts, hwms, cpus) = samples[mode];
            var r = new ColdResult(mode, [.. starts], Stats.Median(starts), starts.Min(), starts.Max(), Stats.Median(hwms), Stats.Median(cpus));
            Console.WriteLine($"cold {mode,-22} median {r.MedianMs,6:0} ms  min {r.MinMs,6:0} ms  max {r.MaxMs,6:0} ms  CPU {r.MedianCpuMs,4:0} ms  ({string.Join(" ", starts.Select(s => s.ToString("0")))})");
            results.Cold.Add(r);
        }
    }

    // ---- 3. the command path -------------------------------------------------------------------

    private static readonly (string Text, string Posted)[] Commands =
    [
        ("help", "chat.postMessage"),
        ("alerts", "chat.postMessage"),
        ("graph scrapes", "files.completeUploadExternal"),
    ];

    /// <summary>End to end through ChatOps.Local serve (the ack, the queue in Azurite, its pump, the worker, the
    /// reply), warm and in new processes; then the `worker` function class alone, in this process.</summary>
    public async Task CommandsAsync(BenchResults results)
    {
        if (options.OpsEndpoint is null) throw new InvalidOperationException("--ops is required for the command suite");
        {
            var port = Child.FreePort();
            await using var child = StartTarget(Local, port, "sc", out _, withOps: true);
            await WaitForReadyAsync(port, child);
            await Task.Delay(2000);
            var (idleHwm, idleRss) = Child.Memory(child.Pid);
            results.Memory.Add(new MemoryResult("ours, ChatOps.Local serve (self-contained)", "idle, before any command", idleHwm, idleRss, ""));
            foreach (var (text, posted) in Commands)
            {
                for (var i = 0; i < 3; i++) await MentionAsync(port, text, posted);
                var runs = new List<(double Post, double Response)>();
                for (var i = 0; i < options.CommandRuns; i++) runs.Add(await MentionAsync(port, text, posted));
                results.Commands.Add(Summarize(text, WarmLocal, runs));
            }
            var (hwm, rss) = Child.Memory(child.Pid);
            results.Memory.Add(new MemoryResult("ours, ChatOps.Local serve (self-contained)", "browser warm, after the command runs", hwm, rss, ""));
            results.Memory.Add(BrowserMemory(child.Pid));
        }
        await ClearQueueAsync();

        foreach (var (text, posted) in Commands)
        {
            var runs = new List<(double Post, double Response)>();
            for (var i = 0; i < options.CommandColdRuns; i++)
            {
                var port = Child.FreePort();
                await using (var child = StartTarget(Local, port, "sc", out _, withOps: true))
                {
                    await WaitForReadyAsync(port, child);
                    runs.Add(await MentionAsync(port, text, posted));
                }
                await ClearQueueAsync();
            }
            results.Commands.Add(Summarize(text, "cold (first command of a new process), via local mode", runs));
        }

        await using var app = InProcessApp.Start(AppSettings("sc", withOps: true), options.Repo);
        foreach (var (text, posted) in Commands)
        {
            for (var i = 0; i < 3; i++) await InvokeWorkerAsync(app, text, posted);
            var runs = new List<(double Post, double Response)>();
            for (var i = 0; i < options.CommandRuns; i++) runs.Add(await InvokeWorkerAsync(app, text, posted));
            results.Commands.Add(Summarize(text, WarmInProcess, runs));
        }
    }

    public const string WarmLocal = "warm, via local mode";
    public const string WarmInProcess = "warm, WorkerFunction.RunAsync in process";

    private static MemoryResult BrowserMemory(int pid)
    {
        var browser = Child.Descendants(pid);
        double browserRss = 0, browserHwm = 0, browserPss = 0;
        foreach (var (child, _) in browser)
        {
            try
            {
                var (h, r) = Child.Memory(child);
                browserRss += r;
                browserHwm += h;
                browserPss += Child.PssMiB(child);
            }
            catch (IOException)
            {
                // Exited meanwhile.
            }
        }
        return new MemoryResult($"its children: Playwright driver + Chromium ({browser.Count} processes)", "browser warm, summed",
            browserHwm, browserRss, $"sums over processes count shared pages more than once; summed PSS (shared pages split): {browserPss:0} MiB");
    }

    private CommandResult Summarize(string text, string phase, List<(double Post, double Response)> runs)
    {
        var posts = runs.Select(r => r.Post).Order().ToArray();
        var r = new CommandResult(text, phase, runs.Count, Stats.Median(posts), Stats.Percentile(posts, 95), posts[^1], Stats.Median(runs.Select(x => x.Response)));
        Console.WriteLine($"cmd  {text,-14} {phase,-10} median {r.MedianPostMs,7:0.0} ms  p95 {r.P95PostMs,7:0.0} ms  max {r.MaxPostMs,7:0.0} ms  (answered: median {r.MedianResponseMs:0.0} ms)");
        return r;
    }

    private async Task WaitForReadyAsync(int port, Child child)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await _probe.GetAsync($"http://127.0.0.1:{port}/api/health");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                if (child.HasExited) throw new InvalidOperationException($"the app exited at start; see {options.LogDir}");
            }
            await Task.Delay(5);
        }
        throw new TimeoutException("the app did not answer GET /api/health within 60 s");
    }

    /// <summary>A signed mention to local mode: the time until the fake Slack received the reply, and until
    /// the ack came back.</summary>
    private async Task<(double Post, double Response)> MentionAsync(int port, string text, string posted)
    {
        var reply = fake.Next(posted);
        using var request = SlackWire.RawRequest(new Uri($"http://127.0.0.1:{port}/api/slack"), text);
        var sent = Stopwatch.GetTimestamp();
        using var response = await _probe.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var answered = Stopwatch.GetTimestamp();
        if ((int)response.StatusCode != 200) throw new InvalidOperationException($"/api/slack answered {(int)response.StatusCode}: {body}");
        var at = await reply.WaitAsync(TimeSpan.FromSeconds(60));
        return (Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds, Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
    }

    /// <summary>One delivery of the message the `slack` function queued for this text (written beforehand, not
    /// timed) to the `worker` function: the time until the fake Slack received the reply, and until it returned.</summary>
    private async Task<(double Post, double Response)> InvokeWorkerAsync(InProcessApp app, string text, string posted)
    {
        var message = await app.QueuedMessageAsync(text);
        var reply = fake.Next(posted);
        var sent = Stopwatch.GetTimestamp();
        await app.WorkerAsync(message);
        var answered = Stopwatch.GetTimestamp();
        var at = await reply.WaitAsync(TimeSpan.FromSeconds(60));
        return (Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds, Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
    }
}
