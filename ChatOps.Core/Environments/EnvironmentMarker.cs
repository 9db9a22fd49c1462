using ChatOps.Core.Replies;

namespace ChatOps.Core.Environments;

/// <summary>
/// Names the environment a reply speaks for, in one place for every reply that leaves the worker: a context line first
/// in the blocks and a prefix on the text fallback. Applied once (a reply kept through a rate limit and sent
/// later is not marked twice).
/// </summary>
public static class EnvironmentMarker
{
    public static string Prefix(string label) => $"[{Mrkdwn.Escape(label)}] ";

    public static string Line(string label) => $"Environment: *{Mrkdwn.Escape(label)}*";

    public static ChatReply Mark(ChatReply reply, string label)
    {
        var prefix = Prefix(label);
        if (reply.Text.StartsWith(prefix, StringComparison.Ordinal)) return reply;
        // A reply already at Slack's block limit gives up its last block rather than the line that says where it ran.
        var kept = reply.Blocks.Count >= BlockKitLimits.MaxBlocks ? reply.Blocks.Take(BlockKitLimits.MaxBlocks - 1) : reply.Blocks;
        var blocks = reply.Blocks.Count == 0 ? reply.Blocks : [new ContextBlock([Line(label)]), .. kept];
        return new ChatReply(prefix + reply.Text, blocks) { Files = reply.Files };
    }
}
