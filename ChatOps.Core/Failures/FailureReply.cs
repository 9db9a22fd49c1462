using ChatOps.Core.Replies;

namespace ChatOps.Core.Failures;

/// <summary>How a backend failure reads in chat.</summary>
public static class FailureReply
{
    public static ChatReply For(ServiceFailureException failure, string? errorId = null)
    {
        var icon = failure.Handling == FailureHandling.UserMistake ? ":mag:" : ":warning:";
        var id = errorId is null ? "" : $" Error id {Mrkdwn.Code(errorId)}.";
        return ChatReply.Plain($"{icon} {Mrkdwn.Escape(failure.UserMessage)}{id}");
    }
}
