using ChatOps.Core.Failures;

namespace ChatOps.Core.Alerts;

/// <summary>Another notification of the same group is posting its first message right now: this one must wait for
/// that ts (to update it) rather than post a second message, so the queue brings it back.</summary>
public sealed class AlertMessagePendingException(string groupId)
    : ServiceFailureException($"the message of alert group {groupId} is being posted; trying again", FailureHandling.Retry);
