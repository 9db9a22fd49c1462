using ChatOps.Core.Graphs;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Graphs;

/// <summary>`graph &lt;shortcut&gt;` or `graph query=&lt;PromQL&gt;`: renders exactly the graph asked for to a PNG.</summary>
public sealed class GraphCommand(IOpsClient ops, IGraphRenderer renderer, GraphOptions options, TimeProvider clock) : Command<GraphArgs, GraphResult>
{
    public override CommandInfo Info { get; } = new(
        "graph", "<shortcut>|query=<PromQL> [range=<1h|6h|7d>] [from=<time>] [to=<time>]",
        "Draw a graph into the thread: a named shortcut, or an ad-hoc PromQL expression.",
        "The picture is uploaded to Slack; nothing is hosted anywhere. range defaults to the shortcut's own.",
        ["graph latency", "graph latency range=6h", "graph query=rate(http_requests_total[5m]) range=30m"]);

    public override ParseResult<GraphArgs> Parse(string arguments) => GraphArgs.Parse(arguments, clock.GetUtcNow());

    public override async Task<GraphResult> ExecuteAsync(GraphArgs args, CommandContext context, CancellationToken ct = default)
    {
        var shortcuts = GraphShortcut.From(options);
        GraphShortcut shortcut;
        if (args.Query is { } query)
        {
            if (!options.AllowAdHocQueries) return new GraphResult.Refused("Ad-hoc queries are turned off here (Graphs__AllowAdHocQueries); use a shortcut.");
            shortcut = new GraphShortcut("query", BlockKitLimits.Truncate(query, 200), GraphKind.PromQL, query, null, TimeSpan.FromHours(1), null, null);
        }
        else if (shortcuts.FirstOrDefault(s => s.Name == args.Shortcut) is { } found)
        {
            shortcut = found;
        }
        else
        {
            return new GraphResult.UnknownShortcut(args.Shortcut!, EditDistance.Closest(args.Shortcut!, shortcuts.Select(s => s.Name)), shortcuts);
        }

        var to = args.To ?? clock.GetUtcNow();
        var from = args.From ?? to - (args.Range ?? shortcut.Range);
        if (shortcut.Kind == GraphKind.Url)
        {
            var url = new Uri(shortcut.Source.Replace("{from}", from.ToUnixTimeMilliseconds().ToString()).Replace("{to}", to.ToUnixTimeMilliseconds().ToString()));
            var shot = await renderer.ScreenshotAsync(url, shortcut.WaitFor, options.Grafana.TokenFor(url), options.Width, options.Height, ct).ConfigureAwait(false);
            return new GraphResult.Picture(shortcut, from, to, shot, 0);
        }

        var series = await ops.QueryRangeAsync(shortcut.Source, from, to, shortcut.Step ?? TimeSpan.Zero, context.Caller(Info.Name), ct).ConfigureAwait(false);
        if (!series.Any(s => s.Points.Any(p => double.IsFinite(p.Value)))) return new GraphResult.NoData(shortcut, from, to);
        var html = ChartPage.Render(series, shortcut.Title, from, to, shortcut.Unit, options.Width, options.Height);
        var png = await renderer.RenderHtmlAsync(html, options.Width, options.Height, ct).ConfigureAwait(false);
        return new GraphResult.Picture(shortcut, from, to, png, series.Count);
    }

    public override ChatReply Render(GraphResult result) => result switch
    {
        GraphResult.Picture p => new ChatReply(
            $"*{Mrkdwn.Escape(p.Shortcut.Title)}* ({Times.Utc(p.From)} – {Times.Utc(p.To)})" + (p.Shortcut.Kind == GraphKind.PromQL ? $"\n{Mrkdwn.Code(p.Shortcut.Source)}" : ""),
            [])
        {
            // Slack refuses alt text over 1,000 characters (alt_txt_too_large).
            Files = [new ReplyFile($"graph-{p.Shortcut.Name}.png", BlockKitLimits.Truncate(p.Shortcut.Title, 200),
                BlockKitLimits.Truncate($"{p.Shortcut.Title}: {(p.SeriesCount > 0 ? $"{p.SeriesCount} series, " : "")}{Times.Utc(p.From)} to {Times.Utc(p.To)}", 1000), p.Png)],
        },
        GraphResult.NoData n => ChatReply.Plain($"No data for {Mrkdwn.Code(n.Shortcut.Source)} between {Times.Utc(n.From)} and {Times.Utc(n.To)}: nothing to draw."),
        GraphResult.UnknownShortcut u => ShortcutList.Render(u.Shortcuts,
            $"There is no graph shortcut {Mrkdwn.Code(u.Name)}." + (u.Closest is null ? "" : $" Did you mean {Mrkdwn.Code(u.Closest)}?")),
        GraphResult.Refused r => ChatReply.Plain(r.Why),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}

public abstract record GraphResult
{
    public sealed record Picture(GraphShortcut Shortcut, DateTimeOffset From, DateTimeOffset To, byte[] Png, int SeriesCount) : GraphResult;

    public sealed record NoData(GraphShortcut Shortcut, DateTimeOffset From, DateTimeOffset To) : GraphResult;

    public sealed record UnknownShortcut(string Name, string? Closest, IReadOnlyList<GraphShortcut> Shortcuts) : GraphResult, IUserMistake;

    public sealed record Refused(string Why) : GraphResult, IUserMistake;
}
