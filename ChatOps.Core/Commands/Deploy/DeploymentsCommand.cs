using System.Globalization;
using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>`deployments [&lt;service&gt;] [limit=&lt;n&gt;]`: the history, newest first.</summary>
public sealed class DeploymentsCommand(IOpsClient ops) : Command<DeploymentsQuery, DeploymentsList>
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 50;
    private static readonly string[] Known = ["limit"];

    public override CommandInfo Info { get; } = new(
        "deployments", "[<service>] [limit=<n>]",
        "Deployment history, newest first: version, who asked, who confirmed, when, how long, result.",
        $"limit is 1 to {MaxLimit} (default {DefaultLimit}).",
        ["deployments", "deployments demo limit=5"]);

    public override ParseResult<DeploymentsQuery> Parse(string arguments)
    {
        var parsed = OptionSet.Parse(arguments, Known);
        if (parsed.Error is { } error) return ParseResult<DeploymentsQuery>.Fail(error);
        var o = parsed.Value!;
        if (o.Positional.Count > 1)
            return ParseResult<DeploymentsQuery>.Fail($"Name at most one service; got {Mrkdwn.Code(string.Join(" ", o.Positional))}.");
        var service = o.Positional.Count == 1 ? o.Positional[0] : null;
        if (service is not null && DeployParsing.ServiceProblem(service) is { } problem) return ParseResult<DeploymentsQuery>.Fail(problem);
        var limit = DefaultLimit;
        if (o["limit"] is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return ParseResult<DeploymentsQuery>.Fail($"limit must be a whole number from 1 to {MaxLimit}; got {Mrkdwn.Code(l)}.");
        return new DeploymentsQuery(service, limit);
    }

    public override async Task<DeploymentsList> ExecuteAsync(DeploymentsQuery args, CommandContext context, CancellationToken ct = default) =>
        new(args.Service, await ops.ListDeploymentsAsync(args.Service, args.Limit, context.Caller(Info.Name), ct).ConfigureAwait(false));

    public override ChatReply Render(DeploymentsList result)
    {
        var of = result.Service is { } s ? $" of {Mrkdwn.Code(s)}" : "";
        if (result.Deployments.Count == 0) return ChatReply.Plain($"No deployments{of} yet.");
        var lines = result.Deployments.Select(Line).ToList();
        var title = $"Deployments{of}, newest first:";
        return new ChatReply(title + "\n" + string.Join("\n", lines), [new SectionBlock(title + "\n" + string.Join("\n", lines))]);
    }

    private static string Line(DeploymentInfo d)
    {
        var result = d.State switch
        {
            DeploymentState.Running => "running",
            DeploymentState.Succeeded => "succeeded",
            DeploymentState.Failed => d.ExitCode is { } code ? $"failed (exit {code})" : "failed",
            DeploymentState.TimedOut => "timed out",
            _ => "interrupted",
        };
        var took = d.Duration is { } t ? $" in {Times.Duration(TimeSpan.FromSeconds(Math.Round(t.TotalSeconds)))}" : "";
        var kind = d.Rollback ? " (rollback)" : "";
        return $"• {Mrkdwn.Code(d.Version)} {Mrkdwn.Code(d.Service)}{kind}: {result}{took}, {Times.Utc(d.StartedAt)}; " +
               $"asked by {Mrkdwn.User(d.RequestedBy)}, confirmed by {Mrkdwn.User(d.ConfirmedBy)}";
    }
}
