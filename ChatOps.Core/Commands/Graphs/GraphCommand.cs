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
        if (shortcut.Kind == GraphKind.Url) return await CaptureAsync(shortcut, args, from, to, ct).ConfigureAwait(false);
        if (args.Variables.Count > 0)
            return new GraphResult.Refused($"`var-&lt;name&gt;=` template variables are for page (Grafana) shortcuts; {Mrkdwn.Code(shortcut.Name)} is a PromQL graph.");

        var series = await ops.QueryRangeAsync(shortcut.Source, from, to, shortcut.Step ?? TimeSpan.Zero, context.Caller(Info.Name), ct).ConfigureAwait(false);
        var chart = new ChartSpec(series, shortcut.Title, shortcut.Source, from, to, shortcut.Unit, options.Width, options.Height);
        var png = await renderer.DrawChartAsync(chart, ct).ConfigureAwait(false);
        return chart.HasData ? new GraphResult.Picture(shortcut, from, to, png, series.Count) : new GraphResult.NoData(shortcut, from, to, png);
    }

    private async Task<GraphResult> CaptureAsync(GraphShortcut shortcut, GraphArgs args, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var window = PageWindows.Of(shortcut, options.Grafana);
        var placeholders = shortcut.Source.Contains("{from}", StringComparison.Ordinal);
        var askedWindow = args.Range is not null || args.From is not null || args.To is not null;
        if (window != PageWindow.Grafana && args.Variables.Count > 0)
            return new GraphResult.Refused($"`var-&lt;name&gt;=` template variables are for Grafana pages; {Mrkdwn.Code(shortcut.Name)} is not one.{SubPathHint(shortcut)}");
        // A page that cannot take the window asked for would be captured without it, under a reply that states
        // a range the picture does not show: refused instead, with the reason.
        if (window == PageWindow.Own && askedWindow)
            return new GraphResult.Refused(
                $"{Mrkdwn.Code(shortcut.Name)} is a page with its own time range, so `range=`, `from=` and `to=` cannot change it. " +
                "They apply to Grafana pages and to shortcut URLs with `{from}` in them." + SubPathHint(shortcut));
        if (window == PageWindow.Placeholders && args.To is not null && !shortcut.Source.Contains("{to}", StringComparison.Ordinal))
            return new GraphResult.Refused($"The URL of {Mrkdwn.Code(shortcut.Name)} has `{{from}}` but no `{{to}}`: the page always ends now, so `to=` cannot change it.");

        var url = new Uri(shortcut.Source.Replace("{from}", from.ToUnixTimeMilliseconds().ToString()).Replace("{to}", to.ToUnixTimeMilliseconds().ToString()));
        if (window == PageWindow.Grafana) url = GrafanaUrl.With(url, from, to, args.Variables);
        var (width, height) = GrafanaUrl.PanelSize(url) ?? (options.Width, options.Height);
        var request = new PageRequest(url, shortcut.WaitFor, options.Grafana.TokenFor(url), width, height, window == PageWindow.Grafana, shortcut.Timeout ?? options.RenderTimeout);
        var shot = await renderer.CapturePageAsync(request, ct).ConfigureAwait(false);
        if (shot.Blank) return new GraphResult.RenderedBlank(shortcut, url.Host, shot.Waited);
        // A link that looked like Grafana's but loaded something else (another site, a login page): Grafana's
        // from/to and var- did nothing there, and the reply must not claim them. {from} in the URL still applied.
        var notGrafana = window == PageWindow.Grafana && !shot.GrafanaPage;
        return new GraphResult.Picture(shortcut, from, to, shot.Png, 0)
        {
            PageOwnsRange = window == PageWindow.Own || (notGrafana && !placeholders),
            NotApplied = !notGrafana ? null
                : args.Variables.Count > 0 && askedWindow && !placeholders ? "`range=`, `from=`, `to=` and `var-&lt;name&gt;=`"
                : args.Variables.Count > 0 ? "`var-&lt;name&gt;=`"
                : askedWindow && !placeholders ? "`range=`, `from=` and `to=`"
                : null,
        };
    }

    private static string SubPathHint(GraphShortcut shortcut) =>
        Uri.TryCreate(shortcut.Source, UriKind.Absolute, out var url) && GrafanaUrl.HasDeepDashboardPath(url)
            ? " If it is a Grafana served under a sub-path, name it in `Graphs__Grafana__Url`."
            : "";

    public override ChatReply Render(GraphResult result) => result switch
    {
        GraphResult.Picture p => new ChatReply(
            $"*{Mrkdwn.Escape(p.Shortcut.Title)}* " +
            (p.PageOwnsRange ? "(the time range the page shows)" : $"({Times.Utc(p.From)} – {Times.Utc(p.To)})") +
            (p.NotApplied is null ? "" : $"\nThe page that loaded is not Grafana (a login page, or a link that only looks like Grafana's), so {p.NotApplied} did not apply.") +
            (p.Shortcut.Kind == GraphKind.PromQL ? $"\n{Mrkdwn.Code(p.Shortcut.Source)}" : ""),
            [])
        {
            // Slack refuses alt text over 1,000 characters (alt_txt_too_large).
            Files = [new ReplyFile($"graph-{p.Shortcut.Name}.png", BlockKitLimits.Truncate(p.Shortcut.Title, 200),
                BlockKitLimits.Truncate($"{p.Shortcut.Title}: {(p.SeriesCount > 0 ? $"{p.SeriesCount} series, " : "")}" +
                    (p.PageOwnsRange ? "a page with its own time range" : $"{Times.Utc(p.From)} to {Times.Utc(p.To)}"), 1000), p.Png)],
        },
        GraphResult.NoData n => new ChatReply($"No data for {Mrkdwn.Code(n.Shortcut.Source)} between {Times.Utc(n.From)} and {Times.Utc(n.To)}: nothing to draw.", [])
        {
            Files = [new ReplyFile($"graph-{n.Shortcut.Name}.png", "No data: " + BlockKitLimits.Truncate(n.Shortcut.Title, 190),
                BlockKitLimits.Truncate($"No data for {n.Shortcut.Source} from {Times.Utc(n.From)} to {Times.Utc(n.To)}", 1000), n.Png)],
        },
        GraphResult.RenderedBlank b => ChatReply.Plain(
            $":warning: The page for {Mrkdwn.Code(b.Shortcut.Name)} on {Mrkdwn.Code(b.Host)} rendered blank after {b.Waited.TotalSeconds:0.#} s, so nothing was uploaded. " +
            $"It may need a login, more time (Graphs__Shortcuts__{b.Shortcut.Name}__Timeout) or a WaitFor selector."),
        GraphResult.UnknownShortcut u => ShortcutList.Render(u.Shortcuts, options.Grafana,
            $"There is no graph shortcut {Mrkdwn.Code(u.Name)}." + (u.Closest is null ? "" : $" Did you mean {Mrkdwn.Code(u.Closest)}?")),
        GraphResult.Refused r => ChatReply.Plain(r.Why),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}

public abstract record GraphResult
{
    public sealed record Picture(GraphShortcut Shortcut, DateTimeOffset From, DateTimeOffset To, byte[] Png, int SeriesCount) : GraphResult
    {
        /// <summary>A page (not Grafana, no {from} in its URL) that shows the range written into its URL, not From/To.</summary>
        public bool PageOwnsRange { get; init; }

        /// <summary>What the user asked for that did not apply (as Slack text): the page, taken for Grafana by its
        /// link, turned out not to be.</summary>
        public string? NotApplied { get; init; }
    }

    /// <summary>The query returned nothing: a picture that says so, with the query and the range.</summary>
    public sealed record NoData(GraphShortcut Shortcut, DateTimeOffset From, DateTimeOffset To, byte[] Png) : GraphResult;

    /// <summary>The page's capture was (nearly) one colour: not uploaded, answered and audited as rendered_blank.</summary>
    public sealed record RenderedBlank(GraphShortcut Shortcut, string Host, TimeSpan Waited) : GraphResult, IFailedResult
    {
        public string AuditOutcome => "rendered_blank";
    }

    public sealed record UnknownShortcut(string Name, string? Closest, IReadOnlyList<GraphShortcut> Shortcuts) : GraphResult, IUserMistake;

    public sealed record Refused(string Why) : GraphResult, IUserMistake;
}
