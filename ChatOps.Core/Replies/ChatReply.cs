namespace ChatOps.Core.Replies;

/// <summary>
/// A message the bot sends: <see cref="Text"/> is the plain fallback Slack shows in notifications
/// (and the whole message where blocks are not rendered); <see cref="Blocks"/> is the rich form.
/// </summary>
public sealed record ChatReply(string Text, IReadOnlyList<Block> Blocks)
{
    public static ChatReply Plain(string mrkdwn) => new(mrkdwn, [new SectionBlock(mrkdwn)]);
}
