using System.Text;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Profiles;

/// <summary>What the thread shows of a profile: that it is being taken and for how long, then the flame graph, the
/// top functions as a table and the raw .pb.gz, or why there is no profile. Names from the profile are escaped.</summary>
public static class ProfileReplies
{
    public const int TopRows = 15;
    public const int FlameWidth = 1200;

    public static string Taking(ProfileInfo p) => p.Kind == "cpu"
        ? $":stopwatch: Taking a CPU profile of {Mrkdwn.Code(p.Service)} for {p.Seconds} s (until about {Times.Utc(p.ReadyAt)}). " +
          "The flame graph, the top functions and the raw profile follow in this thread."
        : $":stopwatch: Taking a {Mrkdwn.Escape(p.Kind)} profile of {Mrkdwn.Code(p.Service)}; the flame graph, the top functions and the raw profile " +
          "follow in this thread in a few seconds.";

    public static ChatReply Failed(ProfileInfo p) =>
        ChatReply.Plain($":warning: No {Mrkdwn.Escape(p.Kind)} profile of {Mrkdwn.Code(p.Service)}: {Mrkdwn.Escape(p.Failure ?? "it did not come in")}.");

    public static ChatReply Gone(string service, string kind) =>
        ChatReply.Plain($":warning: The {Mrkdwn.Escape(kind)} profile of {Mrkdwn.Code(service)} is no longer held by the Ops service (it restarted, or the profile expired); take it again.");

    public static ChatReply Lost(string service, string kind, string why) =>
        ChatReply.Plain($":warning: The {Mrkdwn.Escape(kind)} profile of {Mrkdwn.Code(service)} was lost: the Ops service did not answer for as long as it keeps profiles ({Mrkdwn.Escape(why)}). Take it again.");

    public static ChatReply NotCollected(ProfileInfo p) =>
        ChatReply.Plain($":warning: I could not collect the {Mrkdwn.Escape(p.Kind)} profile of {Mrkdwn.Code(p.Service)}, so nothing will follow here. Take it again.");

    public static FlameGraphSpec Flame(ProfileInfo p) => new(p.Flame, p.Total,
        $"{p.Service}: {p.Kind} profile" + (p.Kind == "cpu" ? $" for {p.Seconds} s" : ""),
        $"{p.SampleType}: {ProfileValues.Format(p.Total, p.Unit)} in {p.SampleCount:N0} samples, taken {Times.Utc(p.TakenAt)}; callers above callees, widest first",
        FlameWidth);

    public static ChatReply Finished(ProfileInfo p, byte[] flamePng)
    {
        var files = new List<ReplyFile>
        {
            new($"{p.Service}-{p.Kind}-flame.png", BlockKitLimits.Truncate($"{p.Service} {p.Kind} flame graph", 200),
                BlockKitLimits.Truncate($"Flame graph of the {p.Kind} profile of {p.Service}: {ProfileValues.Format(p.Total, p.Unit)} of {p.SampleType}", 1000), flamePng),
        };
        if (p.Raw.Length > 0)
            files.Add(new ReplyFile($"{p.Service}-{p.Kind}.pb.gz", $"{p.Service} {p.Kind} profile (open with go tool pprof)", "", p.Raw));
        var text = new StringBuilder()
            .Append($"*{Mrkdwn.Escape(p.Kind)} profile of {Mrkdwn.Code(p.Service)}*: {ProfileValues.Format(p.Total, p.Unit)} of {Mrkdwn.Escape(p.SampleType)}")
            .Append($" in {p.SampleCount:N0} samples.")
            .Append(p.Raw.Length > 0 ? " Open the `.pb.gz` with `go tool pprof`." : $" The raw profile ({ProfileValues.Format(p.RawBytes, "bytes")}) is too large to pass on.");
        // Files carry only the reply's text (as the first file's comment), never blocks: the table is its own message.
        return new ChatReply(BlockKitLimits.Truncate(text.ToString(), BlockKitLimits.MaxFallbackText), []) { Files = files };
    }

    /// <summary>The top functions as Slack's table block (15 rows of 5 cells, well inside its 100 x 20), in a message of
    /// its own after the files; its text, which notifications and clients without tables show, is the same table set
    /// monospaced.</summary>
    public static ChatReply TopFunctions(ProfileInfo p)
    {
        var title = $"*Top {Math.Min(TopRows, p.Top.Count)} functions* of the {Mrkdwn.Escape(p.Kind)} profile of {Mrkdwn.Code(p.Service)} " +
                    "(flat: in the function itself; cum: with what it calls)";
        var rows = new List<IReadOnlyList<TableCell>> { new TableCell[] { "flat", "flat%", "cum", "cum%", "function" } };
        // Cells are raw text, which Slack shows as written: no escaping there, as in every table of the bot.
        rows.AddRange(p.Top.Take(TopRows).Select(t => (IReadOnlyList<TableCell>)new TableCell[]
        {
            ProfileValues.Format(t.Flat, p.Unit), ProfileValues.Percent(t.Flat, p.Total),
            ProfileValues.Format(t.Cumulative, p.Unit), ProfileValues.Percent(t.Cumulative, p.Total), t.Name,
        }));
        return new ChatReply(BlockKitLimits.Truncate(title + "\n" + TopTable(p), BlockKitLimits.MaxFallbackText), [new SectionBlock(title), new TableBlock(rows)]);
    }

    /// <summary>The top functions, flat and cumulative with their shares of the total, as a monospaced table.</summary>
    public static string TopTable(ProfileInfo p)
    {
        var rows = p.Top.Take(TopRows).Select(t => (
            Flat: ProfileValues.Format(t.Flat, p.Unit), FlatPct: ProfileValues.Percent(t.Flat, p.Total),
            Cum: ProfileValues.Format(t.Cumulative, p.Unit), CumPct: ProfileValues.Percent(t.Cumulative, p.Total),
            Name: BlockKitLimits.Truncate(t.Name, 90))).ToList();
        var fw = Math.Max(4, rows.Select(r => r.Flat.Length).DefaultIfEmpty(0).Max());
        var cw = Math.Max(3, rows.Select(r => r.Cum.Length).DefaultIfEmpty(0).Max());
        var table = new StringBuilder();
        table.AppendLine($"{"flat".PadLeft(fw)}  {"flat%",6}  {"cum".PadLeft(cw)}  {"cum%",6}  function");
        foreach (var r in rows) table.AppendLine($"{r.Flat.PadLeft(fw)}  {r.FlatPct,6}  {r.Cum.PadLeft(cw)}  {r.CumPct,6}  {r.Name}");
        // Inside ``` only a run of backticks could end the block early; the rest is escaped as everywhere.
        return "```\n" + Mrkdwn.Escape(table.ToString().TrimEnd()).Replace("```", "'''") + "\n```";
    }
}
