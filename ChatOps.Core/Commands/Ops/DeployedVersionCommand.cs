using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`deployed version`: what the Ops service reports as deployed.</summary>
public sealed class DeployedVersionCommand(IOpsClient ops) : Command<bool, string>
{
    public override CommandInfo Info { get; } = new("deployed version", "", "The version currently deployed.", "", ["deployed version"]);

    public override ParseResult<bool> Parse(string arguments) => arguments.Trim().Length == 0
        ? true
        : ParseResult<bool>.Fail($"`deployed version` takes no arguments; got {Mrkdwn.Code(arguments.Trim())}.");

    public override Task<string> ExecuteAsync(bool args, CommandContext context, CancellationToken ct = default) =>
        ops.DeployedVersionAsync(context.Caller(Info.Name), ct);

    public override ChatReply Render(string version) => version.Length == 0
        ? ChatReply.Plain("The Ops service reports no deployed version.")
        : new ChatReply($"Deployed version: {Mrkdwn.Escape(version)}", [new SectionBlock($":package: Deployed version: {Mrkdwn.Code(version)}")]);
}
