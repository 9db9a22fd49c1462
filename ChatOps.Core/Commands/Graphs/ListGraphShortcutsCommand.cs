using ChatOps.Core.Graphs;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Graphs;

/// <summary>`list graph shortcuts`: the configured graphs, by name.</summary>
public sealed class ListGraphShortcutsCommand(GraphOptions options) : Command<bool, IReadOnlyList<GraphShortcut>>
{
    public override CommandInfo Info { get; } = new("list graph shortcuts", "", "The named graphs `graph` can draw.", "", ["list graph shortcuts"]);

    public override ParseResult<bool> Parse(string arguments) => arguments.Trim().Length == 0
        ? true
        : ParseResult<bool>.Fail($"`list graph shortcuts` takes no arguments; got {Mrkdwn.Code(arguments.Trim())}.");

    public override Task<IReadOnlyList<GraphShortcut>> ExecuteAsync(bool args, CommandContext context, CancellationToken ct = default) =>
        Task.FromResult(GraphShortcut.From(options));

    public override ChatReply Render(IReadOnlyList<GraphShortcut> shortcuts) => ShortcutList.Render(shortcuts, options.Grafana, null);
}
