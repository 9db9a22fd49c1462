using System.Text;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Help;

internal static class HelpRenderer
{
    private static readonly string Footer = $"Mention me in a channel, DM me, or use the slash command. {Mrkdwn.Code("help <command>")} explains one command.";

    /// <param name="environments">The one line about <c>env=</c>, said once here rather than in every command's usage; null
    /// where there is a single environment.</param>
    public static ChatReply List(IReadOnlyList<CommandInfo> commands, string? environments = null)
    {
        var lines = new StringBuilder();
        foreach (var info in commands)
        {
            var flag = info.Mutating ? " _(changes production)_" : "";
            lines.Append("• ").Append(Mrkdwn.Code(info.Usage)).Append(" — ").Append(Mrkdwn.Escape(info.Summary)).Append(flag).Append('\n');
        }
        var text = "Commands:\n" + lines;
        // First in the text: a long list is cut at Slack's fallback limit, and this line must survive it.
        if (environments is not null)
            return new ChatReply(environments + "\n" + text.TrimEnd(), [new HeaderBlock("Commands"), new SectionBlock(lines.ToString().TrimEnd()),
                new SectionBlock(environments), new ContextBlock([Footer])]);
        return new ChatReply(text.TrimEnd(), [new HeaderBlock("Commands"), new SectionBlock(lines.ToString().TrimEnd()), new ContextBlock([Footer])]);
    }

    public static ChatReply Detail(CommandInfo info)
    {
        var body = new StringBuilder();
        body.Append(Mrkdwn.Code(info.Usage)).Append('\n').Append(Mrkdwn.Escape(info.Summary));
        if (info.Details.Length > 0) body.Append("\n\n").Append(Mrkdwn.Escape(info.Details));
        if (info.Mutating) body.Append("\n\n:warning: This command changes production state.");
        if (info.Examples.Count > 0)
            body.Append("\n\n*Examples*\n").Append(string.Join('\n', info.Examples.Select(e => "• " + Mrkdwn.Code(e))));
        var text = body.ToString();
        return new ChatReply($"{info.Name}: {text}", [new HeaderBlock(info.Name), new SectionBlock(text)]);
    }

    public static ChatReply NoSuchCommand(string topic, CommandInfo? suggestion)
    {
        var hint = suggestion is null ? "" : $" Did you mean {Mrkdwn.Code(suggestion.Name)}?";
        return ChatReply.Plain($"There is no command {Mrkdwn.Code(topic)}.{hint} Type `help` for the list.");
    }
}
