using System.Text;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

internal static class AlertsRenderer
{
    private const int MaxRows = BlockKitLimits.MaxTableRows - 1;
    private static readonly string[] SeverityOrder = ["critical", "page", "error", "high", "warning", "medium", "info", "low"];

    public static ChatReply Render(AlertsResult r)
    {
        var filter = Describe(r.Query);
        if (r.Alerts.Count == 0) return ChatReply.Plain($":white_check_mark: No alerts{Mrkdwn.Escape(filter)}.");

        var ordered = r.Alerts
            .OrderBy(a => a.State.Equals("firing", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(a => Rank(a.Severity))
            .ThenBy(a => a.ActiveAt ?? DateTimeOffset.MaxValue)
            .ToList();
        var shown = ordered.Take(MaxRows).ToList();

        var rows = new List<IReadOnlyList<TableCell>> { new TableCell[] { "Alert", "State", "Severity", "Summary", "Value", "Active since" } };
        var text = new StringBuilder(Mrkdwn.Escape($"{Counts(r.Alerts)}{filter}:\n"));
        foreach (var a in shown)
        {
            var since = a.ActiveAt is { } at ? $"{Times.Utc(at)} ({Times.Ago(at, r.Now)})" : "";
            var value = Value(a.Value);
            rows.Add([a.Name, a.State, a.Severity ?? "", a.Summary ?? "", value, since]);
            text.Append(Mrkdwn.Escape($"{a.Name} [{a.State}{(a.Severity is null ? "" : ", " + a.Severity)}] {a.Summary} value={value} since {since}".TrimEnd())).Append('\n');
        }
        var icon = r.Alerts.Any(a => a.State.Equals("firing", StringComparison.OrdinalIgnoreCase)) ? ":rotating_light:" : ":hourglass:";
        var blocks = new List<Block> { new SectionBlock($"{icon} *{Mrkdwn.Escape(Counts(r.Alerts))}*{Mrkdwn.Escape(filter)}") };
        if (shown.Count < ordered.Count) blocks.Add(new ContextBlock([$"_showing {shown.Count} of {ordered.Count}_"]));
        blocks.Add(new TableBlock(rows));
        return new ChatReply(text.ToString().TrimEnd(), blocks);
    }

    private static string Counts(IReadOnlyList<AlertInfo> alerts) => string.Join(", ", alerts
        .GroupBy(a => a.State.ToLowerInvariant())
        .OrderBy(g => g.Key == "firing" ? 0 : 1)
        .Select(g => $"{g.Count()} {g.Key}"));

    /// <summary>Prometheus sends values in Go's %e form (9.3e-01); people read 0.93.</summary>
    private static string Value(string raw) =>
        double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)
            : raw;

    private static int Rank(string? severity)
    {
        var i = severity is null ? -1 : Array.IndexOf(SeverityOrder, severity.ToLowerInvariant());
        return i < 0 ? SeverityOrder.Length : i;
    }

    private static string Describe(AlertQuery q)
    {
        var parts = new List<string>(q.Labels);
        if (q.States.Count > 0) parts.Add("state " + string.Join("/", q.States));
        if (q.ActiveSince is { } s) parts.Add("active since " + Times.Utc(s));
        return parts.Count == 0 ? "" : " matching " + string.Join(", ", parts);
    }
}
