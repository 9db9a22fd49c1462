using ChatOps.Core.Replies;

namespace ChatOps.Core.Alerts;

/// <summary>What a click on an alert message came to: the answer for the clicker and the audit's fields.</summary>
public sealed record AlertClickResult(ChatReply Reply, string Decision, string Outcome, string Command, string Arguments)
{
    /// <summary>A message for everyone in the alert's thread (a Silence pick's confirmation prompt), posted before the answer.</summary>
    public ChatReply? ThreadReply { get; init; }

    /// <summary>The alert message's ts, whose thread <see cref="ThreadReply"/> goes to.</summary>
    public string? ThreadTs { get; init; }
}
