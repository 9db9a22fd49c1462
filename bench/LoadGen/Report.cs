using System.Text;

namespace LoadGen;

/// <summary>The Markdown that bench/run writes to bench/results/&lt;date&gt;.md, the dated history of runs.</summary>
public static class Report
{
    public static string Markdown(BenchResults r, Options o)
    {
        var md = new StringBuilder();
        md.AppendLine($"Run {r.Date}; {r.Machine}.");
        md.AppendLine();
        if (r.Ack.Count > 0)
        {
            md.AppendLine($"**Ack path**: signed `app_mention` events (fresh signature and `event_id` each), closed loop, " +
                          $"{o.Warmup.TotalSeconds:0} s warmup then {o.Duration.TotalSeconds:0} s measured per level; load generator on the same 2 cores.");
            md.AppendLine();
            md.AppendLine("| target | concurrency | req/s | p50 ms | p99 ms | max ms | errors | server CPU per ack |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var a in r.Ack)
                md.AppendLine($"| {a.Target} | {a.Concurrency} | {a.Rps:0} | {a.P50:0.00} | {a.P99:0.00} | {a.Max:0.0} | {a.Errors} | {a.CpuUsPerAck:0} µs |");
            md.AppendLine();
            md.AppendLine("| ours / Bolt | concurrency | throughput ratio | p99 ratio (lower is better) |");
            md.AppendLine("| --- | ---: | ---: | ---: |");
            foreach (var ours in new[] { Bench.InProcess, Bench.Local })
            foreach (var a in r.Ack.Where(x => x.Target == ours))
            {
                var bolt = r.Ack.FirstOrDefault(x => x.Target == Bench.Bolt && x.Concurrency == a.Concurrency);
                if (bolt is null) continue;
                md.AppendLine($"| {(ours == Bench.InProcess ? "in process" : "local mode")} | {a.Concurrency} | {a.Rps / bolt.Rps:0.00}x | {a.P99 / bolt.P99:0.00}x |");
            }
            md.AppendLine().AppendLine("In process: the `slack` function class on a DefaultHttpContext request, in the load generator's own process " +
                                       "(no HTTP, no queue write: under the Functions host, the host writes the queue output); its CPU per ack " +
                                       "is the whole process's, load loop included. Local mode answers only after the queue message is in Azurite.");
            if (r.DrainSeconds.Count > 0)
                md.AppendLine().AppendLine("Local mode's queue pump also runs every acked `help` command from Azurite and posts its reply to the fake Slack; " +
                                           "after each level the harness waits for that backlog to drain (" +
                                           string.Join(", ", r.DrainSeconds.Select(d => $"{d.Key}: {d.Value:0.0} s")) + ").");
            md.AppendLine();
        }
        if (r.Cold.Count > 0)
        {
            md.AppendLine($"**Cold start**: process start to the first successful ack of a signed event ({o.ColdRuns} starts each, the modes taking turns; " +
                          "ours: `ChatOps.Local serve`, POST /api/slack until 200, the ack's queue message written to Azurite; Bolt: POST /slack/events).");
            md.AppendLine();
            md.AppendLine("| publish mode | median ms | min ms | max ms | CPU used by the first ack (median) | VmHWM at first ack |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var c in r.Cold) md.AppendLine($"| {c.Mode} | {c.MedianMs:0} | {c.MinMs:0} | {c.MaxMs:0} | {c.MedianCpuMs:0} ms | {c.MedianHwmMiB:0} MiB |");
            if (r.AotNote is { } aot) md.AppendLine($"| Native AOT | {aot} | | | | |");
            md.AppendLine();
        }
        if (r.Commands.Count > 0)
        {
            md.AppendLine("**Command path**: until the fake Slack Web API has the reply (`chat.postMessage`, or `files.completeUploadExternal` " +
                          "for the graph). Via local mode: a signed mention to POST /api/slack, then the queue in Azurite, the pump " +
                          "(polling backs off to host.json's maxPollingInterval, 2 s, when idle), the `worker` function; the last column is the ack. " +
                          "In process: the message the `slack` function queued, delivered to WorkerFunction.RunAsync as the host would; the last column is " +
                          "its return. `alerts` and the graph go through the Ops service to a real Prometheus.");
            md.AppendLine();
            md.AppendLine("| command | phase | runs | median ms | p95 ms | max ms | answered (ack / return), median ms |");
            md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var c in r.Commands)
                md.AppendLine($"| `{c.Command}` | {c.Phase} | {c.Runs} | {c.MedianPostMs:0.0} | {c.P95PostMs:0.0} | {c.MaxPostMs:0.0} | {c.MedianResponseMs:0.0} |");
            md.AppendLine();
        }
        if (r.Memory.Count > 0)
        {
            md.AppendLine("**Memory**: peak resident set (VmHWM) and current (VmRSS) from /proc.");
            md.AppendLine();
            md.AppendLine("| process | state | VmHWM MiB | VmRSS MiB | note |");
            md.AppendLine("| --- | --- | ---: | ---: | --- |");
            foreach (var m in r.Memory) md.AppendLine($"| {m.Process} | {m.State} | {m.HwmMiB:0} | {m.RssMiB:0} | {m.Note} |");
            md.AppendLine();
        }
        md.AppendLine(Targets(r));
        if (o.BeforePath is { } before) md.AppendLine().Append(Compare.Markdown(Compare.Load(before), r, o.BeforeLabel));
        return md.ToString();
    }

    private static string Targets(BenchResults r)
    {
        var rows = new List<string>();
        foreach (var (target, label) in new[] { (Bench.InProcess, "in process"), (Bench.Local, "local mode, ack after the queue write, its pump running every command") })
        {
            var at8 = r.Ack.FirstOrDefault(a => a.Target == target && a.Concurrency == 8);
            if (at8 is not null) rows.Add(Row($"ack p99 < 20 ms at concurrency 8 ({label})", $"{at8.P99:0.00} ms", at8.P99 < 20));
        }
        var bolt64 = r.Ack.FirstOrDefault(a => a.Target == Bench.Bolt && a.Concurrency == 64);
        foreach (var (target, label) in new[] { (Bench.InProcess, "in process"), (Bench.Local, "local mode") })
        {
            var at64 = r.Ack.FirstOrDefault(a => a.Target == target && a.Concurrency == 64);
            if (at64 is not null && bolt64 is not null)
                rows.Add(Row($">= 2x Bolt's throughput at concurrency 64 ({label})", $"{at64.Rps / bolt64.Rps:0.00}x", at64.Rps >= 2 * bolt64.Rps));
        }
        var fastest = r.Cold.Where(c => !c.Mode.StartsWith("Bolt", StringComparison.Ordinal)).OrderBy(c => c.MedianMs).FirstOrDefault();
        if (fastest is not null) rows.Add(Row("cold start to first ack < 300 ms (fastest mode)", $"{fastest.MedianMs:0} ms ({fastest.Mode})", fastest.MedianMs < 300));
        foreach (var phase in new[] { Bench.WarmLocal, Bench.WarmInProcess })
        {
            var alerts = r.Commands.FirstOrDefault(c => c.Command == "alerts" && c.Phase == phase);
            if (alerts is not null) rows.Add(Row($"`alerts` end to end < 100 ms warm ({phase[6..]})", $"{alerts.MedianPostMs:0.0} ms median, {alerts.P95PostMs:0.0} ms p95", alerts.MedianPostMs < 100));
            var graph = r.Commands.FirstOrDefault(c => c.Command.StartsWith("graph", StringComparison.Ordinal) && c.Phase == phase);
            if (graph is not null) rows.Add(Row($"PromQL graph < 1 s warm ({phase[6..]})", $"{graph.MedianPostMs:0} ms median, {graph.P95PostMs:0} ms p95", graph.MedianPostMs < 1000));
        }
        if (rows.Count == 0) return "";
        return "| target | measured | met |\n| --- | --- | --- |\n" + string.Join("\n", rows) + "\n";
    }

    private static string Row(string target, string measured, bool met) => $"| {target} | {measured} | {(met ? "yes" : "**no**")} |";
}
