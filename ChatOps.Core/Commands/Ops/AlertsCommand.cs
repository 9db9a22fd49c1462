using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`alerts [label=value ...] [state=firing|pending|inactive] [since=&lt;time&gt;]`: the alerts, most urgent first.</summary>
public sealed class AlertsCommand(IOpsClient ops, TimeProvider clock) : Command<AlertQuery, AlertsResult>
{
    private static readonly string[] Known = ["state", "since"];
    private static readonly string[] States = ["firing", "pending", "inactive"];
    private const string LabelPrefix = "label:";

    public override CommandInfo Info { get; } = new(
        "alerts", "[label=value ...] [state=firing|pending|inactive] [since=<time>]",
        "Alerts with their state, severity, summary and value, most urgent first.",
        $"Label filters must all match (`severity=critical team=payments`); write `{LabelPrefix}state=x` for a label that " +
        $"shares an option's name. state takes a comma list. since: {TimeParser.Accepted}.",
        ["alerts", "alerts state=firing", "alerts severity=critical since=-2h"]);

    public override ParseResult<AlertQuery> Parse(string arguments)
    {
        // A `name=value` word is a label filter unless its name is an option or one letter away from one.
        var parsed = OptionSet.Parse(arguments, Known, token =>
            token.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase) ||
            Known.All(k => EditDistance.Between(token[..token.IndexOf('=')], k) > 1));
        if (parsed.Error is { } error) return ParseResult<AlertQuery>.Fail(error);
        var o = parsed.Value!;

        var labels = new List<string>();
        foreach (var word in o.Positional)
        {
            var label = word.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase) ? word[LabelPrefix.Length..] : word;
            var eq = label.IndexOf('=');
            if (eq <= 0 || eq == label.Length - 1)
                return ParseResult<AlertQuery>.Fail($"Label filters are `name=value`, like `severity=critical`; got {Mrkdwn.Code(word)}.");
            labels.Add(label);
        }

        var states = new List<string>();
        if (o["state"] is { } s)
        {
            foreach (var state in s.ToLowerInvariant().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!States.Contains(state))
                    return ParseResult<AlertQuery>.Fail($"state is `firing`, `pending` or `inactive`; got {Mrkdwn.Code(state)}.");
                states.Add(state);
            }
        }

        DateTimeOffset? since = null;
        if (o["since"] is { } t)
        {
            if (!TimeParser.TryParse(t, clock.GetUtcNow(), out var time))
                return ParseResult<AlertQuery>.Fail($"since must be a time: {TimeParser.Accepted}; got {Mrkdwn.Code(t)}.");
            since = time;
        }
        return new AlertQuery(labels, states, since);
    }

    public override async Task<AlertsResult> ExecuteAsync(AlertQuery args, CommandContext context, CancellationToken ct = default)
    {
        var alerts = await ops.AlertsAsync(args, context.Caller(Info.Name), ct).ConfigureAwait(false);
        return new AlertsResult(args, alerts, clock.GetUtcNow());
    }

    public override ChatReply Render(AlertsResult result) => AlertsRenderer.Render(result);
}

public sealed record AlertsResult(AlertQuery Query, IReadOnlyList<AlertInfo> Alerts, DateTimeOffset Now);
