using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadGen;

/// <summary>
/// The before/after tables: an earlier run's raw numbers (bench/results/&lt;date&gt;.json, possibly from the
/// custom-handler build, whose names differ) beside this run's. Each row pairs what plays the same part in
/// both builds; a number missing on either side shows as a dash.
/// </summary>
public static class Compare
{
    // The custom handler's names (bench/run before the isolated worker).
    private const string OldHost = "ours, host payload: POST /slack";
    private const string OldLocalProcess = "ours, local mode (self-contained)";
    private const string OldHostProcess = "ours, host mode (self-contained)";
    private const string NewProcess = "ours, ChatOps.Local serve (self-contained)";

    public static BenchResults Load(string path)
    {
        var json = File.ReadAllText(path);
        var options = new JsonSerializerOptions { PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate };
        var results = JsonSerializer.Deserialize<BenchResults>(json, options) ?? throw new InvalidOperationException($"{path} holds no results");
        // The custom-handler runs called the note AotError.
        using var doc = JsonDocument.Parse(json);
        if (results.AotNote is null && doc.RootElement.TryGetProperty("AotError", out var old) && old.ValueKind == JsonValueKind.String)
            results.AotNote = old.GetString();
        return results;
    }

    public static string Markdown(BenchResults before, BenchResults after, string label)
    {
        var md = new StringBuilder();
        md.AppendLine($"**Before / after**: before = {label} (run {before.Date}); after = this run ({after.Date}).");
        md.AppendLine();
        md.AppendLine("| ack path | concurrency | req/s before | req/s after | p99 ms before | p99 ms after |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var pairs = new[]
        {
            ("the `slack` function; before: over loopback HTTP (host payload to POST /slack); after: called in process, no HTTP (not like for like)", OldHost, Bench.InProcess),
            ("local mode POST /api/slack; before: in-memory queue; after: the queue in Azurite", Bench.Local, Bench.Local),
            ("Bolt (the same code in both runs: how much the machine drifted)", Bench.Bolt, Bench.Bolt),
        };
        foreach (var (name, b, a) in pairs)
        foreach (var level in after.Ack.Where(x => x.Target == a).Select(x => x.Concurrency).Union(before.Ack.Where(x => x.Target == b).Select(x => x.Concurrency)))
        {
            var x = before.Ack.FirstOrDefault(r => r.Target == b && r.Concurrency == level);
            var y = after.Ack.FirstOrDefault(r => r.Target == a && r.Concurrency == level);
            md.AppendLine($"| {name} | {level} | {N(x?.Rps, "0")} | {N(y?.Rps, "0")} | {N(x?.P99, "0.00")} | {N(y?.P99, "0.00")} |");
        }
        md.AppendLine();
        md.AppendLine("| cold start to first ack | median ms before | median ms after | VmHWM MiB before | VmHWM MiB after |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var mode in before.Cold.Select(c => c.Mode).Union(after.Cold.Select(c => c.Mode)))
        {
            var x = before.Cold.FirstOrDefault(c => c.Mode == mode);
            var y = after.Cold.FirstOrDefault(c => c.Mode == mode);
            md.AppendLine($"| {mode} | {N(x?.MedianMs, "0")} | {N(y?.MedianMs, "0")} | {N(x?.MedianHwmMiB, "0")} | {N(y?.MedianHwmMiB, "0")} |");
        }
        md.AppendLine($"| Native AOT | {before.AotNote ?? "-"} | {after.AotNote ?? "-"} | | |");
        md.AppendLine();
        md.AppendLine("| memory (VmHWM MiB) | before | after |");
        md.AppendLine("| --- | ---: | ---: |");
        foreach (var (name, bp, bs, ap, @as) in new[]
                 {
                     ("local mode, idle after one ack", OldLocalProcess, "idle, after one ack", NewProcess, "idle, after one ack"),
                     ("local mode, after the ack load", OldLocalProcess, "after the ack load", NewProcess, "after the ack load"),
                     ("the app process with the browser warm (before: host mode; after: local mode)", OldHostProcess, "browser warm", NewProcess, "browser warm"),
                     ("Playwright + Chromium children, summed", "its children", "browser warm", "its children", "browser warm"),
                     ("Bolt, after the ack load", "Bolt (node)", "after the ack load", "Bolt (node)", "after the ack load"),
                 })
        {
            var x = before.Memory.FirstOrDefault(m => m.Process.StartsWith(bp, StringComparison.Ordinal) && m.State.StartsWith(bs, StringComparison.Ordinal));
            var y = after.Memory.FirstOrDefault(m => m.Process.StartsWith(ap, StringComparison.Ordinal) && m.State.StartsWith(@as, StringComparison.Ordinal));
            md.AppendLine($"| {name} | {N(x?.HwmMiB, "0")} | {N(y?.HwmMiB, "0")} |");
        }
        md.AppendLine();
        md.AppendLine("| command, median ms to the reply | warm before (POST /worker) | warm after, in process | warm after, via local mode | cold before | cold after, via local mode |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var command in after.Commands.Select(c => c.Command).Distinct())
        {
            double? Pick(BenchResults r, string phase) => r.Commands.FirstOrDefault(c => c.Command == command && c.Phase.StartsWith(phase, StringComparison.Ordinal))?.MedianPostMs;
            md.AppendLine($"| `{command}` | {N(before.Commands.FirstOrDefault(c => c.Command == command && c.Phase == "warm")?.MedianPostMs, "0.0")} | " +
                          $"{N(Pick(after, Bench.WarmInProcess), "0.0")} | {N(Pick(after, Bench.WarmLocal), "0.0")} | {N(Pick(before, "cold"), "0.0")} | {N(Pick(after, "cold"), "0.0")} |");
        }
        return md.ToString();
    }

    private static string N(double? value, string format) => value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
