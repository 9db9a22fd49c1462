using ChatOps.Core.Commands;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Confirmations;

/// <summary>What a click decided. <see cref="ReplaceOriginal"/> is true for a final decision (the prompt
/// becomes the result and the request is settled); false for a notice to the clicker alone.</summary>
public sealed record ClickResult(ChatReply Reply, bool ReplaceOriginal, string Decision, PendingChange? Change)
{
    /// <summary>The confirmed command's outcome; null when nothing ran.</summary>
    public OutcomeKind? Outcome { get; init; }

    /// <summary>A deployment the confirmed command started, to follow.</summary>
    public string? FollowDeploymentId { get; init; }

    public static ClickResult Settled(ChatReply reply, string decision, PendingChange change) => new(reply, true, decision, change);

    public static ClickResult Notice(ChatReply reply, string decision, PendingChange? change) => new(reply, false, decision, change);
}
