using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;

namespace ChatOps.Core.Commands.Config;

/// <summary>`config targets`: the files that can be pushed, with their checkers.</summary>
public sealed class ConfigTargetsCommand(IOpsClient ops) : Command<ConfigTargetsCommand.None, ConfigTargetsCommand.Listed>
{
    /// <param name="ForSharedFile">Asked by a file shared with no text: the answer ends by asking which target it is for.</param>
    public sealed record None(bool ForSharedFile = false);

    public sealed record Listed(IReadOnlyList<ConfigTargetInfo> Targets, bool ForSharedFile);

    public override CommandInfo Info { get; } = new(
        "config targets", "",
        "Configuration files that can be pushed by dropping them here, with their format, size limit and checks.",
        "Push one by sharing the file with the text `push config <target>`.",
        ["config targets"]);

    public override ParseResult<None> Parse(string arguments) =>
        arguments.Trim() switch
        {
            "" => new None(),
            SharedFiles.ForSharedFile => new None(true),
            _ => ParseResult<None>.Fail("`config targets` takes no arguments."),
        };

    public override async Task<Listed> ExecuteAsync(None args, CommandContext context, CancellationToken ct = default) =>
        new(await ops.ListConfigTargetsAsync(context.Caller(Info.Name), ct).ConfigureAwait(false), args.ForSharedFile);

    public override ChatReply Render(Listed result)
    {
        if (result.Targets.Count == 0) return ChatReply.Plain("No configuration targets are set up.");
        var lines = result.Targets.Select(t =>
        {
            var checks = new List<string>();
            if (t.Validator is { } v) checks.Add($"validated by {Mrkdwn.Code(v)}");
            if (t.Reload is { } r) checks.Add(r == "http" ? "reloaded over HTTP" : $"reloaded by {Mrkdwn.Code(r)}");
            if (t.Verify is { } q) checks.Add($"verified by {Mrkdwn.Code(q)}");
            return $"• {Mrkdwn.Code(t.Name)}: {Mrkdwn.Escape(t.Format)}, up to {ConfigReplies.Bytes(t.MaxBytes)}, revision {Mrkdwn.Code(t.Revision)}" +
                   (checks.Count > 0 ? "; " + string.Join(", ", checks) : "");
        });
        return ChatReply.Plain("Configuration targets:\n" + string.Join("\n", lines) + (result.ForSharedFile
            ? "\nWhich one? Share the file again with the text `push config` and the target's name."
            : "\nPush one by sharing the file with the text `push config` and the target's name."));
    }
}
