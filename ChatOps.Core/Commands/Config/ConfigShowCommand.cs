using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Config;

/// <summary>`config show &lt;target&gt;`: uploads the file as it is now.</summary>
public sealed class ConfigShowCommand(IOpsClient ops) : Command<ConfigTargetArgs, (string Target, ConfigFile File)>
{
    public override CommandInfo Info { get; } = new(
        "config show", "<target>",
        "Upload a configuration file as it is now, with its revision.",
        "Edit it and share it back with `push config <target>` to push a change.",
        ["config show prometheus-rules"]);

    public override ParseResult<ConfigTargetArgs> Parse(string arguments) => ConfigTargetParsing.One(arguments, "config show");

    public override async Task<(string Target, ConfigFile File)> ExecuteAsync(ConfigTargetArgs args, CommandContext context, CancellationToken ct = default) =>
        (args.Target, await ops.GetConfigAsync(args.Target, context.Caller(Info.Name), ct).ConfigureAwait(false));

    public override ChatReply Render((string Target, ConfigFile File) result)
    {
        var (target, file) = result;
        if (file.Refusal is { } refusal) return ChatReply.Plain(Mrkdwn.Escape(refusal) + ".");
        if (file.Content.Length == 0) return ChatReply.Plain($"{Mrkdwn.Code(target)} has no file yet (revision {Mrkdwn.Code(file.Revision)}).");
        var name = file.FileName.Length > 0 ? file.FileName : target;
        return ChatReply.Plain($"{Mrkdwn.Code(target)} at revision {Mrkdwn.Code(file.Revision)}:") with
        {
            Files = [new ReplyFile(name, $"{target} {file.Revision}", $"{target} configuration, revision {file.Revision}", file.Content)],
        };
    }
}
