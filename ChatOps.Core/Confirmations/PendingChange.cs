namespace ChatOps.Core.Confirmations;

/// <summary>
/// A mutating command waiting for Confirm: everything needed to run it later, carried (signed) in the
/// buttons of the prompt rather than kept in memory.
/// </summary>
/// <param name="Id">The id of the command that asked (its Slack event or trigger id); unique per request.</param>
/// <param name="Command">The registered command name.</param>
/// <param name="Arguments">The arguments exactly as they were parsed for the prompt.</param>
/// <param name="RequestedBy">Slack user id of the person who asked.</param>
/// <param name="RequireApproval">Two-person rule: someone else must confirm.</param>
public sealed record PendingChange(
    string Id,
    string Command,
    string Arguments,
    string RequestedBy,
    string ChannelId,
    string? TeamId,
    DateTimeOffset ExpiresAt,
    bool RequireApproval)
{
    /// <summary>The environment the change was asked for; signed with the rest, so a Confirm runs there and nowhere
    /// else. Null on requests made before environments.</summary>
    public string? Environment { get; init; }

    /// <summary>The alert group whose message asked for the change (its Silence menu): the message shows the result.</summary>
    public string? AlertGroup { get; init; }

    /// <summary>What the prompt showed of the world, for the command to check at Confirm; null when it pins nothing.</summary>
    public string? Expected { get; init; }

    public string CommandLine => Arguments.Length == 0 ? Command : $"{Command} {Arguments}";
}
