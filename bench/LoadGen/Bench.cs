using System.Diagnostics;
using System.Text.Json.Nodes;

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
    public string? AotError { get; set; }
}

public sealed record ColdResult(string Mode, double[] StartsMs, double MedianMs, double MinMs, double MaxMs, double MedianHwmMiB, double MedianCpuMs);
public sealed record CommandResult(string Command, string Phase, int Runs, double MedianPostMs, double P95PostMs, double MaxPostMs, double MedianResponseMs);
public sealed record MemoryResult(string Process, string State, double HwmMiB, double RssMiB, string Note);

/// <summary>The three suites. Every process started here is stopped before the suite returns.</summary>
public sealed partial class Bench(Options options, FakeSlack fake)
{
    public const string Local = "ours, local mode: POST /api/slack";
    public const string Host = "ours, host payload: POST /slack";
    public const string Bolt = "Bolt 5.1.0: POST /slack/events";
    private static readonly string[] Modes = ["framework-dependent", "self-contained", "ReadyToRun", "Native AOT"];
    private static readonly string[] ModeDirs = ["fd", "sc", "r2r", "aot"];

    private readonly HttpClient _probe = new(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(2), PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        { Timeout = TimeSpan.FromSeconds(60) };

    // ---- 1. the ack path ---------------------------------------------------------------------

    public async Task AckAsync(BenchResults results)
    {
        foreach (var target in new[] { Local, Host, Bolt })
        {
            if (!options.Targets.Contains(target == Local ? "local" : target == Host ? "host" : "bolt")) continue;
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
                results.Ack.Add(r);
                Console.WriteLine($"ack  {target,-40} c={level,-3} {r.Rps,8:0} req/s  p50 {r.P50,6:0.00} ms  p99 {r.P99,6:0.00} ms  max {r.Max,7:0.0} ms  errors {r.Errors}  server CPU {r.CpuUsPerAck,4:0} us/ack");
                if (target == Local) results.DrainSeconds[$"c={level}"] = await DrainAsync(acked);
            }
            var (hwm, rss) = Child.Memory(child.Pid);
            results.Memory.Add(new MemoryResult(Name(target), $"after the ack load (c={string.Join("/", options.Levels)})", hwm, rss,
                target == Local ? "the in-process queue also ran every `help` command and posted its reply" : ""));
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

    private static string Name(string target) => target == Bolt ? "Bolt (node)" : target == Local ? "ours, local mode (self-contained)" : "ours, host mode (self-contained)";

    private (Func<HttpRequestMessage> Make, Func<int, string, bool> Ok) AckRequest(string target, int port) => target switch
    {
        Local => (() => SlackWire.RawRequest(new Uri($"http://127.0.0.1:{port}/api/slack"), "help"), (status, _) => status == 200),
        Host => (() => SlackWire.HostRequest(new Uri($"http://127.0.0.1:{port}/slack"), "help"), HostAcked),
        _ => (() => SlackWire.RawRequest(new Uri($"http://127.0.0.1:{port}/slack/events"), "help"), (status, _) => status == 200),
    };

    /// <summary>The host's invocation succeeded and the HTTP output Slack would get is a 200 with a command queued.</summary>
    private static bool HostAcked(int status, string body) =>
        status == 200 && body.Contains("\"statusCode\":200", StringComparison.Ordinal) && body.Contains("\"message\":{", StringComparison.Ordinal);

    private Child StartTarget(string target, int port, string modeDir, out long started, bool withOps = false)
    {
        var log = Path.Combine(options.LogDir, $"{(target == Bolt ? "bolt" : "app-" + modeDir)}-{port}.log");
        if (target == Bolt)
        {
            var env = new Dictionary<string, string> { ["PORT"] = port.ToString(), ["SLACK_SIGNING_SECRET"] = SlackWire.Secret };
            return Child.Start("node", ["app.js"], env, options.BoltDir, log, out started);
        }
        var settings = AppSettings(modeDir, withOps);
        var args = new List<string>();
        if (target == Local) args.AddRange(["--urls", $"http://127.0.0.1:{port}"]);
        else settings["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        // The working directory is the function app root (host.json), as under the host.
        return Child.Start(Path.Combine(options.PublishDir, modeDir, "ChatOps.Functions"), args, settings, options.Repo, log, out started);
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
        results.AotError = options.AotError;
        var modes = new List<(string Mode, string Target, string Dir)>();
        for (var m = 0; m < Modes.Length; m++)
            if (options.ColdModes.Contains(ModeDirs[m]) && File.Exists(Path.Combine(options.PublishDir, ModeDirs[m], "ChatOps.Functions")))
                modes.Add((Modes[m], Host, ModeDirs[m]));
        if (options.ColdModes.Contains("bolt")) modes.Add(("Bolt 5.1.0 (node)", Bolt, "bolt"));

        // Round-robin over the modes, so the machine's other load drifts over all of them alike.
        var samples = modes.ToDictionary(m => m.Mode, _ => (Starts: new List<double>(), Hwm: new List<double>(), Cpu: new List<double>()));
        for (var i = 0; i < options.ColdRuns; i++)
        {
            foreach (var (mode, target, dir) in modes)
            {
                var port = Child.FreePort();
                var (make, ok) = AckRequest(target, port);
                await using var child = StartTarget(target, port, dir, out var started);
                var acked = await WaitForAckAsync(make, ok, child, TimeSpan.FromSeconds(60));
                samples[mode].Starts.Add(Stopwatch.GetElapsedTime(started, acked).TotalMilliseconds);
                samples[mode].Hwm.Add(Child.Memory(child.Pid).Hwm);
                samples[mode].Cpu.Add(Child.CpuSeconds(child.Pid) * 1000);
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

    public async Task CommandsAsync(BenchResults results)
    {
        if (options.OpsEndpoint is null) throw new InvalidOperationException("--ops is required for the command suite");
        var templates = new Dictionary<string, JsonObject>();
        {
            var port = Child.FreePort();
            await using var child = StartTarget(Host, port, "sc", out _, withOps: true);
            await WaitForReadyAsync(port, child);
            await Task.Delay(2000);
            var (idleHwm, idleRss) = Child.Memory(child.Pid);
            results.Memory.Add(new MemoryResult("ours, host mode (self-contained)", "idle, before any invocation", idleHwm, idleRss, ""));
            foreach (var (text, _) in Commands) templates[text] = await EnvelopeAsync(port, text);

            foreach (var (text, posted) in Commands)
            {
                for (var i = 0; i < 3; i++) await RunCommandAsync(port, templates[text], posted);
                var runs = new List<(double Post, double Response)>();
                for (var i = 0; i < options.CommandRuns; i++) runs.Add(await RunCommandAsync(port, templates[text], posted));
                results.Commands.Add(Summarize(text, "warm", runs));
            }
            var (hwm, rss) = Child.Memory(child.Pid);
            var browser = Child.Descendants(child.Pid);
            double browserRss = 0, browserHwm = 0, browserPss = 0;
            foreach (var (pid, _) in browser)
            {
                try
                {
                    var (h, r) = Child.Memory(pid);
                    browserRss += r;
                    browserHwm += h;
                    browserPss += Child.PssMiB(pid);
                }
                catch (IOException)
                {
                    // Exited meanwhile.
                }
            }
            results.Memory.Add(new MemoryResult("ours, host mode (self-contained)", "browser warm, after the command runs", hwm, rss, ""));
            results.Memory.Add(new MemoryResult($"its children: Playwright driver + Chromium ({browser.Count} processes)", "browser warm, summed",
                browserHwm, browserRss, $"sums over processes count shared pages more than once; summed PSS (shared pages split): {browserPss:0} MiB"));
        }

        foreach (var (text, posted) in Commands)
        {
            var runs = new List<(double Post, double Response)>();
            for (var i = 0; i < options.CommandColdRuns; i++)
            {
                var port = Child.FreePort();
                await using var child = StartTarget(Host, port, "sc", out _, withOps: true);
                await WaitForReadyAsync(port, child);
                runs.Add(await RunCommandAsync(port, templates[text], posted));
            }
            results.Commands.Add(Summarize(text, "cold (first invocation of a new process)", runs));
        }
    }

    private CommandResult Summarize(string text, string phase, List<(double Post, double Response)> runs)
    {
        var posts = runs.Select(r => r.Post).Order().ToArray();
        var r = new CommandResult(text, phase, runs.Count, Stats.Median(posts), Stats.Percentile(posts, 95), posts[^1], Stats.Median(runs.Select(x => x.Response)));
        Console.WriteLine($"cmd  {text,-14} {phase,-10} median {r.MedianPostMs,7:0.0} ms  p95 {r.P95PostMs,7:0.0} ms  max {r.MaxPostMs,7:0.0} ms  (/worker answered: median {r.MedianResponseMs:0.0} ms)");
        return r;
    }

    /// <summary>As the host does: GET / until it answers.</summary>
    private async Task WaitForReadyAsync(int port, Child child)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await _probe.GetAsync($"http://127.0.0.1:{port}/");
                return;
            }
            catch (HttpRequestException)
            {
                if (child.HasExited) throw new InvalidOperationException($"the app exited at start; see {options.LogDir}");
                await Task.Delay(5);
            }
        }
        throw new TimeoutException("the app did not answer GET / within 60 s");
    }

    /// <summary>The exact message the slack function puts on the queue for a mention of this text.</summary>
    private async Task<JsonObject> EnvelopeAsync(int port, string text)
    {
        using var response = await _probe.SendAsync(SlackWire.HostRequest(new Uri($"http://127.0.0.1:{port}/slack"), text));
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?["Outputs"]?["message"] as JsonObject
               ?? throw new InvalidOperationException($"the slack function queued nothing for `{text}`: {body}");
    }

    /// <summary>One queue invocation of POST /worker; the time until the fake Slack received the reply,
    /// and until /worker answered the host.</summary>
    private async Task<(double Post, double Response)> RunCommandAsync(int port, JsonObject template, string posted)
    {
        var envelope = (JsonObject)template.DeepClone();
        var idKey = envelope.Select(p => p.Key).First(k => k.Equals("id", StringComparison.OrdinalIgnoreCase));
        var eventId = SlackWire.NextEventId();
        envelope[idKey] = eventId;
        // A new message each time: the worker answers one channel + ts once (its dedupe key), so reusing
        // the template's ts would measure a duplicate being skipped, not the command.
        envelope["messageTs"] = SlackWire.MessageTs(eventId);
        envelope.Remove("dedupeKey");
        var reply = fake.Next(posted);
        using var request = SlackWire.WorkerRequest(new Uri($"http://127.0.0.1:{port}/worker"), envelope);
        var sent = Stopwatch.GetTimestamp();
        using var response = await _probe.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var answered = Stopwatch.GetTimestamp();
        if ((int)response.StatusCode != 200) throw new InvalidOperationException($"/worker answered {(int)response.StatusCode}: {body}");
        var at = await reply.WaitAsync(TimeSpan.FromSeconds(60));
        if (body.Contains("Error:", StringComparison.Ordinal) || body.Contains("Warning:", StringComparison.Ordinal))
            throw new InvalidOperationException($"the command logged a problem: {body}");
        return (Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds, Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
    }
}
