using ChatOps.Core.Graphs;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Graphs;

internal static class ShortcutList
{
    public static ChatReply Render(IReadOnlyList<GraphShortcut> shortcuts, GrafanaOptions grafana, string? lead)
    {
        if (shortcuts.Count == 0)
            return ChatReply.Plain((lead is null ? "" : lead + " ") +
                                   "No graph shortcuts are configured (Graphs__Shortcuts__<name>__Query or __Url).");
        var rows = new List<IReadOnlyList<TableCell>> { new TableCell[] { "Name", "Title", "Kind", "Default range" } };
        rows.AddRange(shortcuts.Select(s => (IReadOnlyList<TableCell>)new TableCell[]
            { s.Name, s.Title, s.Kind == GraphKind.PromQL ? "PromQL" : "page", DefaultRange(s, grafana) }));
        var text = (lead is null ? "" : lead + "\n") + "Graph shortcuts: " + Mrkdwn.Escape(string.Join(", ", shortcuts.Select(s => s.Name)));
        var blocks = new List<Block>();
        if (lead is not null) blocks.Add(new SectionBlock(lead));
        blocks.Add(new SectionBlock($"*{shortcuts.Count} graph shortcut(s)*; draw one with {Mrkdwn.Code("graph <name> [range=6h]")}"));
        blocks.Add(new TableBlock(rows));
        return new ChatReply(text, blocks);
    }

    // A page that keeps the range in its URL has no default to show, and refuses range=.
    private static string DefaultRange(GraphShortcut shortcut, GrafanaOptions grafana) =>
        shortcut.Kind == GraphKind.Url && PageWindows.Of(shortcut, grafana) == PageWindow.Own ? "the page's own" : Times.Window(shortcut.Range);
}
