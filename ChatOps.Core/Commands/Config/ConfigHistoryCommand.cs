using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Config;

/// <summary>`config history &lt;target&gt;`: who changed a file when, newest first.</summary>
public sealed class ConfigHistoryCommand(IOpsClient ops) : Command<ConfigTargetArgs, (string Target, ConfigHistoryInfo History)>
{
    private const int Limit = 10;

    public override CommandInfo Info { get; } = new(
        "config history", "<target>",
        "Changes to a configuration file, newest first: revision, push or rollback, who asked and confirmed, when, result.",
        "`config rollback <target> <revision>` puts one of these revisions back.",
        ["config history prometheus-rules"]);

    public override ParseResult<ConfigTargetArgs> Parse(string arguments) => ConfigTargetParsing.One(arguments, "config history");

    public override async Task<(string Target, ConfigHistoryInfo History)> ExecuteAsync(ConfigTargetArgs args, CommandContext context, CancellationToken ct = default) =>
        (args.Target, await ops.ConfigHistoryAsync(args.Target, Limit, context.Caller(Info.Name), ct).ConfigureAwait(false));

    public override ChatReply Render((string Target, ConfigHistoryInfo History) result)
    {
        var (target, history) = result;
        if (history.Refusal is { } refusal) return ChatReply.Plain(Mrkdwn.Escape(refusal) + ".");
        if (history.Changes.Count == 0) return ChatReply.Plain($"No changes to {Mrkdwn.Code(target)} were pushed from here yet.");
        var lines = history.Changes.Select(c =>
            $"• {ConfigReplies.When(c.At)} {Mrkdwn.Escape(c.Action)} {Mrkdwn.Code(c.Previous)} → {Mrkdwn.Code(c.Revision)}: " +
            (c.Outcome == "applied" ? "applied" : $"*{Mrkdwn.Escape(c.Outcome)}* (previous revision put back)") +
            $", asked by {Mrkdwn.User(c.RequestedBy)}, confirmed by {Mrkdwn.User(c.ConfirmedBy)}");
        return ChatReply.Plain($"Changes to {Mrkdwn.Code(target)}, newest first:\n" + string.Join("\n", lines));
    }
}
