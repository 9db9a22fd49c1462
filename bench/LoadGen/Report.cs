using System.Text;

namespace LoadGen;

/// <summary>The Markdown that bench/run writes to bench/results/&lt;date&gt;.md and splices into the README.</summary>
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
            foreach (var ours in new[] { Bench.Host, Bench.Local })
            foreach (var a in r.Ack.Where(x => x.Target == ours))
            {
                var bolt = r.Ack.FirstOrDefault(x => x.Target == Bench.Bolt && x.Concurrency == a.Concurrency);
                if (bolt is null) continue;
                md.AppendLine($"| {(ours == Bench.Host ? "host payload" : "local mode")} | {a.Concurrency} | {a.Rps / bolt.Rps:0.00}x | {a.P99 / bolt.P99:0.00}x |");
            }
            if (r.DrainSeconds.Count > 0)
                md.AppendLine().AppendLine("Local mode also runs every acked `help` command in process and posts its reply to the fake Slack; " +
                                           "after each level the harness waits for that backlog to drain (" +
                                           string.Join(", ", r.DrainSeconds.Select(d => $"{d.Key}: {d.Value:0.0} s")) + ").");
            md.AppendLine();
        }
        if (r.Cold.Count > 0)
        {
            md.AppendLine($"**Cold start**: process start to the first successful ack of a signed event ({o.ColdRuns} starts each, the modes taking turns; " +
                          "ours in host mode: POST /slack with the host payload until 200; Bolt: POST /slack/events).");
            md.AppendLine();
            md.AppendLine("| publish mode | median ms | min ms | max ms | CPU used by the first ack (median) | VmHWM at first ack |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            foreach (var c in r.Cold) md.AppendLine($"| {c.Mode} | {c.MedianMs:0} | {c.MinMs:0} | {c.MaxMs:0} | {c.MedianCpuMs:0} ms | {c.MedianHwmMiB:0} MiB |");
            if (r.AotError is { } aot) md.AppendLine($"| Native AOT | did not build: {aot} | | | | |");
            md.AppendLine();
        }
        if (r.Commands.Count > 0)
        {
            md.AppendLine("**Command path**: POST /worker with the host's queue payload (the message the slack function queued, double-encoded) " +
                          "until the fake Slack Web API has the reply (`chat.postMessage`, or `files.completeUploadExternal` for the graph); " +
                          "the post happens before /worker answers. `alerts` and the graph go through the Ops service to a real Prometheus.");
            md.AppendLine();
            md.AppendLine("| command | phase | runs | median ms | p95 ms | max ms | /worker answered, median ms |");
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
        return md.ToString();
    }

    private static string Targets(BenchResults r)
    {
        var rows = new List<string>();
        var p99At8 = r.Ack.FirstOrDefault(a => a.Target == Bench.Host && a.Concurrency == 8);
        if (p99At8 is not null) rows.Add(Row("ack p99 < 20 ms at concurrency 8 (host payload)", $"{p99At8.P99:0.00} ms", p99At8.P99 < 20));
        var local8 = r.Ack.FirstOrDefault(a => a.Target == Bench.Local && a.Concurrency == 8);
        if (local8 is not null) rows.Add(Row("ack p99 < 20 ms at concurrency 8 (local mode, which also runs every command)", $"{local8.P99:0.00} ms", local8.P99 < 20));
        var ours64 = r.Ack.FirstOrDefault(a => a.Target == Bench.Host && a.Concurrency == 64);
        var bolt64 = r.Ack.FirstOrDefault(a => a.Target == Bench.Bolt && a.Concurrency == 64);
        if (ours64 is not null && bolt64 is not null)
            rows.Add(Row(">= 2x Bolt's throughput at concurrency 64 (host payload)", $"{ours64.Rps / bolt64.Rps:0.00}x", ours64.Rps >= 2 * bolt64.Rps));
        var local64 = r.Ack.FirstOrDefault(a => a.Target == Bench.Local && a.Concurrency == 64);
        if (local64 is not null && bolt64 is not null)
            rows.Add(Row(">= 2x Bolt's throughput at concurrency 64 (local mode, which also runs every command)", $"{local64.Rps / bolt64.Rps:0.00}x", local64.Rps >= 2 * bolt64.Rps));
        var fastest = r.Cold.Where(c => !c.Mode.StartsWith("Bolt", StringComparison.Ordinal)).OrderBy(c => c.MedianMs).FirstOrDefault();
        if (fastest is not null) rows.Add(Row("cold start to first ack < 300 ms (fastest mode)", $"{fastest.MedianMs:0} ms ({fastest.Mode})", fastest.MedianMs < 300));
        var alerts = r.Commands.FirstOrDefault(c => c.Command == "alerts" && c.Phase == "warm");
        if (alerts is not null) rows.Add(Row("`alerts` end to end < 100 ms warm", $"{alerts.MedianPostMs:0.0} ms median, {alerts.P95PostMs:0.0} ms p95", alerts.MedianPostMs < 100));
        var graph = r.Commands.FirstOrDefault(c => c.Command.StartsWith("graph", StringComparison.Ordinal) && c.Phase == "warm");
        if (graph is not null) rows.Add(Row("PromQL graph < 1 s warm", $"{graph.MedianPostMs:0} ms median, {graph.P95PostMs:0} ms p95", graph.MedianPostMs < 1000));
        if (rows.Count == 0) return "";
        return "| target | measured | met |\n| --- | --- | --- |\n" + string.Join("\n", rows) + "\n";
    }

    private static string Row(string target, string measured, bool met) => $"| {target} | {measured} | {(met ? "yes" : "**no**")} |";
}
