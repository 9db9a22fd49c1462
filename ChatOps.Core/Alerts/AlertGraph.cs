using ChatOps.Core.Graphs;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Alerts;

/// <summary>The alert's expression drawn from <see cref="AlertsOptions.GraphLookback"/> before it fired until now,
/// with the same range query and renderer the `graph` command uses.</summary>
public sealed class AlertGraph(IOpsClient ops, IGraphRenderer renderer, GraphOptions graphs, AlertsOptions options, TimeProvider clock)
{
    public async Task<ChatReply> DrawAsync(AlertNotification n, AlertItem alert, OpsCaller caller, CancellationToken ct = default)
    {
        var expr = AlertExpression.From(alert.GeneratorUrl)!;
        var now = clock.GetUtcNow();
        var fired = alert.StartsAt < now ? alert.StartsAt : now;
        var from = fired - options.GraphLookback;
        var series = await ops.QueryRangeAsync(expr, from, now, TimeSpan.Zero, caller, ct).ConfigureAwait(false);
        var title = AlertMessage.Name(n);
        var png = await renderer.DrawChartAsync(new ChartSpec(series, title, expr, from, now, null, graphs.Width, graphs.Height), ct).ConfigureAwait(false);
        var comment = $"*{Mrkdwn.Escape(title)}* fired at {Times.Utc(alert.StartsAt)}\n{Mrkdwn.Code(BlockKitLimits.Truncate(expr, 500))}";
        return new ChatReply(comment, [])
        {
            Files = [new ReplyFile("alert-graph.png", BlockKitLimits.Truncate(title, 200),
                BlockKitLimits.Truncate($"{title}: {expr} from {Times.Utc(from)} to {Times.Utc(now)}", 1000), png)],
        };
    }
}
