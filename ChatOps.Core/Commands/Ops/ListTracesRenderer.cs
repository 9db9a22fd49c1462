using System.Text;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

internal static class ListTracesRenderer
{
    // One table per message and 100 rows at most, the header included.
    private const int MaxRows = BlockKitLimits.MaxTableRows - 1;

    public static ChatReply Render(ListTracesResult r)
    {
        var filter = Describe(r);
        if (r.Traces.Count == 0) return ChatReply.Plain($"No traces found{Mrkdwn.Escape(filter)}.");

        var shown = r.Traces.Take(MaxRows).ToList();
        var rows = new List<IReadOnlyList<TableCell>> { new TableCell[] { "Start (UTC)", "Age", "Trace" } };
        var text = new StringBuilder($"{r.Traces.Count} trace(s){Mrkdwn.Escape(filter)}:\n");
        foreach (var t in shown)
        {
            rows.Add([Times.Utc(t.Start), Times.Ago(t.Start, r.Now), new TableCell(t.Id, TraceIds.Link(r.TraceUiUrl, t.Id))]);
            text.Append(Times.Utc(t.Start)).Append("  ").Append(Mrkdwn.Escape(t.Id)).Append('\n');
        }
        var blocks = new List<Block> { new SectionBlock($"*{r.Traces.Count} trace(s)*{Mrkdwn.Escape(filter)}, newest first") };
        if (shown.Count < r.Traces.Count) blocks.Add(new ContextBlock([$"_showing {shown.Count} of {r.Traces.Count}_"]));
        blocks.Add(new TableBlock(rows));
        return new ChatReply(text.ToString().TrimEnd(), blocks);
    }

    private static string Describe(ListTracesResult r)
    {
        var q = r.Query;
        var parts = new List<string>();
        if (q.Service is not null) parts.Add($"service {q.Service}");
        if (q.Operation is not null) parts.Add($"operation {q.Operation}");
        if (q.Start is { } s) parts.Add($"since {Times.Utc(s)}");
        if (q.End is { } e) parts.Add($"until {Times.Utc(e)}");
        if (q.MinDuration is { } min) parts.Add($"at least {Times.Duration(min)}");
        if (q.MaxDuration is { } max) parts.Add($"at most {Times.Duration(max)}");
        if (q.Tags is { Count: > 0 } tags) parts.Add("tags " + string.Join(", ", tags.Select(t => $"{t.Key}:{t.Value}")));
        return parts.Count == 0 ? "" : " for " + string.Join(", ", parts);
    }
}
