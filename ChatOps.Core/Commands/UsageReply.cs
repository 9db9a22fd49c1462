using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands;

/// <summary>The friendly answer to a mistake: what was wrong, the command's usage and an example.</summary>
public static class UsageReply
{
    public static ChatReply For(CommandInfo info, string error)
    {
        var example = info.Examples.Count > 0 ? $"\nExample: {Mrkdwn.Code(info.Examples[0])}" : "";
        var text = $"{error}\nUsage: {Mrkdwn.Code(info.Usage)}{example}";
        return ChatReply.Plain(text);
    }
}
