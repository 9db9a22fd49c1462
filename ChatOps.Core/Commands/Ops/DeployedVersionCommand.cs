using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`deployed version [<service>]`: what the Ops service reports as deployed: the named service's own
/// version query, or without a service the default query.</summary>
public sealed class DeployedVersionCommand(IOpsClient ops) : Command<DeployedVersionCommand.Target, (string? Service, string Version)>
{
    /// <summary>Which version: a service's, or (null) the default query's.</summary>
    public sealed record Target(string? Service);

    public override CommandInfo Info { get; } = new("deployed version", "[<service>]",
        "The version currently deployed: a service's, from its own version query.", "", ["deployed version", "deployed version demo"]);

    public override ParseResult<Target> Parse(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
    {
        [] => new Target(null),
        [var service] => DeployParsing.ServiceProblem(service) is { } problem ? ParseResult<Target>.Fail(problem) : new Target(service),
        _ => ParseResult<Target>.Fail($"`deployed version` takes at most a service, like `deployed version demo`; got {Mrkdwn.Code(arguments.Trim())}."),
    };

    public override async Task<(string? Service, string Version)> ExecuteAsync(Target args, CommandContext context, CancellationToken ct = default)
    {
        var caller = context.Caller(Info.Name);
        var version = args.Service is { } service
            ? await ops.ServiceVersionAsync(service, caller, ct).ConfigureAwait(false)
            : await ops.DeployedVersionAsync(caller, ct).ConfigureAwait(false);
        return (args.Service, version);
    }

    public override ChatReply Render((string? Service, string Version) result)
    {
        var of = result.Service is { } service ? $" of {Mrkdwn.Code(service)}" : "";
        return result.Version.Length == 0
            ? ChatReply.Plain($"The Ops service reports no deployed version{of}.")
            : new ChatReply($"Deployed version{of}: {Mrkdwn.Escape(result.Version)}",
                [new SectionBlock($":package: Deployed version{of}: {Mrkdwn.Code(result.Version)}")]);
    }
}
