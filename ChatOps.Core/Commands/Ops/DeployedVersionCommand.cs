using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`deployed version [<service>]`: what the Ops service reports as deployed: the named service's own
/// version query, or without a service every deployable service's, one line each, and the default query's.</summary>
public sealed class DeployedVersionCommand(IOpsClient ops) : Command<DeployedVersionCommand.Target, VersionReport>
{
    /// <summary>Which version: a service's, or (null) every service's.</summary>
    public sealed record Target(string? Service);

    public override CommandInfo Info { get; } = new("deployed version", "[<service>]",
        "The version currently deployed: a service's, from its own version query; without a service, every service's.", "",
        ["deployed version", "deployed version demo"]);

    public override ParseResult<Target> Parse(string arguments) => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries) switch
    {
        [] => new Target(null),
        [var service] => DeployParsing.ServiceProblem(service) is { } problem ? ParseResult<Target>.Fail(problem) : new Target(service),
        _ => ParseResult<Target>.Fail($"`deployed version` takes at most a service, like `deployed version demo`; got {Mrkdwn.Code(arguments.Trim())}."),
    };

    public override async Task<VersionReport> ExecuteAsync(Target args, CommandContext context, CancellationToken ct = default)
    {
        var caller = context.Caller(Info.Name);
        if (args.Service is not { } service) return await ops.EveryServiceVersionAsync(caller, ct).ConfigureAwait(false);
        var version = await ops.ServiceVersionAsync(service, caller, ct).ConfigureAwait(false);
        return new VersionReport(null, [new ServiceVersionInfo(service, version.Length > 0 ? version : null, null)]);
    }

    public override ChatReply Render(VersionReport result)
    {
        if (result.Services.Count == 0)
            return result.Default is { } only
                ? new ChatReply($"Deployed version: {Mrkdwn.Escape(only)}", [new SectionBlock($":package: Deployed version: {Mrkdwn.Code(only)}")])
                : ChatReply.Plain("The Ops service reports no deployed version.");
        if (result.Services is [var one] && result.Default is null)
        {
            var of = $" of {Mrkdwn.Code(one.Service)}";
            return one.Version is { } v
                ? new ChatReply($"Deployed version{of}: {Mrkdwn.Escape(v)}", [new SectionBlock($":package: Deployed version{of}: {Mrkdwn.Code(v)}")])
                : ChatReply.Plain($"The Ops service reports no deployed version{of}.");
        }
        var lines = result.Services.Select(s => $"• {Mrkdwn.Code(s.Service)}: {Shown(s.Version, s.Failure)}").ToList();
        if (result.Default is { } d) lines.Add($"• the default version query: {Mrkdwn.Code(d)}");
        var text = "Deployed versions by service:\n" + string.Join("\n", lines);
        return new ChatReply(text, [new SectionBlock(":package: " + text)]);
    }

    private static string Shown(string? version, string? failure) =>
        failure is { } f ? $"unknown (its query failed: {Mrkdwn.Escape(f)})" : version is { } v ? Mrkdwn.Code(v) : "no version reported";
}
