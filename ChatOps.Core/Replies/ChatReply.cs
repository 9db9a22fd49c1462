namespace ChatOps.Core.Replies;

/// <summary>
/// A message the bot sends: <see cref="Text"/> is the plain fallback Slack shows in notifications
/// (and the whole message where blocks are not rendered); <see cref="Blocks"/> is the rich form.
/// </summary>
public sealed record ChatReply(string Text, IReadOnlyList<Block> Blocks)
{
    /// <summary>Files uploaded with the reply (graphs); <see cref="Text"/> becomes their comment.</summary>
    public IReadOnlyList<ReplyFile> Files { get; init; } = [];

    public static ChatReply Plain(string mrkdwn) => new(mrkdwn, [new SectionBlock(mrkdwn)]);
}
