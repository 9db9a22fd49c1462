using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>`rollback &lt;service&gt;`: back to the last version that deployed successfully before the current one.</summary>
public sealed class RollbackCommand(IOpsClient ops) : Command<DeployArgs, DeployResult>
{
    public override CommandInfo Info { get; } = new(
        "rollback", "<service>",
        "Roll a service back to the last version that deployed successfully before the current one.",
        "The prompt names the version it goes back to; refused with the reason when there is none.",
        ["rollback demo"],
        Mutating: true);

    public override ParseResult<DeployArgs> Parse(string arguments) => CommandText.Words(arguments) switch
    {
        [var service] => DeployParsing.ServiceProblem(service) is { } problem ? ParseResult<DeployArgs>.Fail(problem) : new DeployArgs(service, null),
        [] => ParseResult<DeployArgs>.Fail("Roll back which service? Like `rollback demo`."),
        _ => ParseResult<DeployArgs>.Fail($"`rollback` takes one service (the version is the previous good one); got {Mrkdwn.Code(arguments.Trim())}."),
    };

    public override string Describe(DeployArgs args) => $"roll {Mrkdwn.Code(args.Service)} back to its previous good version";

    protected override async Task<CommandPreview> PreviewAsync(DeployArgs args, CommandContext context, CancellationToken ct)
    {
        var caller = context.Caller(Info.Name);
        var plan = await ops.RollbackAsync(new DeployOrder(args.Service, null, context.UserId, ""), planOnly: true, caller, ct).ConfigureAwait(false);
        if (plan.Refusal is { } refusal || plan.TargetVersion is not { } target)
            return new CommandPreview(null, DeploymentReplies.Refused(args.Service, plan.Refusal ?? "no version to go back to"));
        var running = await RunningVersion.ReadAsync(ops, args.Service, caller, ct).ConfigureAwait(false);
        return new CommandPreview($"roll {Mrkdwn.Code(args.Service)} back: {RunningVersion.Shown(running)} running now, back to {Mrkdwn.Code(target)}", null)
        {
            Expected = new DeployPin(plan.LastDeployment ?? "", running, target).ToText(),
        };
    }

    public override async Task<DeployResult> ExecuteAsync(DeployArgs args, CommandContext context, CancellationToken ct = default)
    {
        var caller = context.Caller(Info.Name);
        var pin = DeployPin.Read(context.Expected);
        if (pin is not null && await pin.MovedAsync(ops, args.Service, caller, ct).ConfigureAwait(false) is { } moved)
            return new DeployRefused(args.Service, moved);
        var order = DeployPin.Apply(pin, new DeployOrder(args.Service, null, context.RequestedBy ?? context.UserId, context.UserId));
        var start = await ops.RollbackAsync(order, planOnly: false, caller, ct).ConfigureAwait(false);
        return start.Deployment is { } d ? new DeployStarted(d) : new DeployRefused(args.Service, start.Refusal ?? "refused");
    }

    public override ChatReply Render(DeployResult result) => DeploymentReplies.For(result);
}
