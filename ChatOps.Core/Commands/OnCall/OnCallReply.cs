using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.OnCall;

/// <summary>What an `oncall` command answers: a reply, or a reply to a mistake (an unknown schedule, a time in the past).</summary>
public record OnCallReply(ChatReply Reply);

public sealed record OnCallMistake(ChatReply Reply) : OnCallReply(Reply), IUserMistake;
