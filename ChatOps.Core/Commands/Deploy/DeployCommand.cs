using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>`deploy &lt;service&gt; &lt;version&gt;`: the Ops service runs the service's deploy action, after Confirm.</summary>
public sealed class DeployCommand(IOpsClient ops) : Command<DeployArgs, DeployResult>
{
    public override CommandInfo Info { get; } = new(
        "deploy", "<service> <version>",
        "Deploy a version of a service (the Ops service runs its deploy action).",
        "The prompt shows the version running now and the one asked for; after Confirm the message follows the deployment " +
        "to its end. One deployment per service at a time.",
        ["deploy demo 1.5.0"],
        Mutating: true);

    public override ParseResult<DeployArgs> Parse(string arguments) => CommandText.Words(arguments) switch
    {
        [var service, var version] => DeployParsing.ServiceProblem(service) is { } problem
            ? ParseResult<DeployArgs>.Fail(problem)
            : new DeployArgs(service, version),
        [] or [_] => ParseResult<DeployArgs>.Fail("Deploy what? Name the service and the version, like `deploy demo 1.5.0`."),
        _ => ParseResult<DeployArgs>.Fail($"`deploy` takes a service and a version; got {Mrkdwn.Code(arguments.Trim())}."),
    };

    public override string Describe(DeployArgs args) => $"deploy {Mrkdwn.Code(args.Service)} version {Mrkdwn.Code(args.Version!)}";

    protected override async Task<CommandPreview> PreviewAsync(DeployArgs args, CommandContext context, CancellationToken ct)
    {
        var caller = context.Caller(Info.Name);
        var check = await ops.DeployAsync(new DeployOrder(args.Service, args.Version, context.UserId, ""), planOnly: true, caller, ct).ConfigureAwait(false);
        if (check.Refusal is { } refusal) return new CommandPreview(null, DeploymentReplies.Refused(args.Service, refusal));
        var running = await RunningVersion.ReadAsync(ops, args.Service, caller, ct).ConfigureAwait(false);
        return new CommandPreview(
            $"deploy {Mrkdwn.Code(args.Service)}: {RunningVersion.Shown(running)} running now, {Mrkdwn.Code(args.Version!)} asked for", null)
        {
            Expected = new DeployPin(check.LastDeployment ?? "", running, null).ToText(),
        };
    }

    public override async Task<DeployResult> ExecuteAsync(DeployArgs args, CommandContext context, CancellationToken ct = default)
    {
        var caller = context.Caller(Info.Name);
        var pin = DeployPin.Read(context.Expected);
        if (pin is not null && await pin.MovedAsync(ops, args.Service, caller, ct).ConfigureAwait(false) is { } moved)
            return new DeployRefused(args.Service, moved);
        var order = DeployPin.Apply(pin, new DeployOrder(args.Service, args.Version, context.RequestedBy ?? context.UserId, context.UserId));
        var start = await ops.DeployAsync(order, planOnly: false, caller, ct).ConfigureAwait(false);
        return start.Deployment is { } d ? new DeployStarted(d) : new DeployRefused(args.Service, start.Refusal ?? "refused");
    }

    public override ChatReply Render(DeployResult result) => DeploymentReplies.For(result);
}
