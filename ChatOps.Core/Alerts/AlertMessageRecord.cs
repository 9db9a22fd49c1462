namespace ChatOps.Core.Alerts;

/// <summary>What is kept per alert group (groupKey): where its current message is, so later notifications update it.
/// <see cref="Ts"/> is null while a message is being posted.</summary>
public sealed record AlertMessageRecord(string Channel, string? Ts, string Status, DateTimeOffset FiringSince, DateTimeOffset UpdatedAt)
{
    /// <summary>Who silenced the group from the message, and until when (shown on the message).</summary>
    public string? SilencedBy { get; init; }
    public DateTimeOffset? SilencedUntil { get; init; }

    /// <summary>The silence made from the message, which its Unsilence button ends.</summary>
    public string? SilenceId { get; init; }

    /// <summary>Who said "I'm on it", and when: the group's owner for this episode (a later click takes it over).</summary>
    public string? AckedBy { get; init; }
    public DateTimeOffset? AckedAt { get; init; }

    /// <summary>The last notification shown, so a click can re-render the message and knows the group's labels.</summary>
    public AlertNotification? Last { get; init; }

    /// <summary>The order of <see cref="Last"/>: a notification below it is older than what the message shows.</summary>
    public AlertOrder Order { get; init; }

    /// <summary>The message of the group's previous firing episode, linked from the thread of this one.</summary>
    public string? PreviousChannel { get; init; }
    public string? PreviousTs { get; init; }

    /// <summary>The delivery key of the notification that reserved the record: a retry of that same notification
    /// (its post failed) takes the reservation over at once instead of waiting for it to go stale.</summary>
    public string? ReservedBy { get; init; }

    /// <summary>Who this episode paged (on-call schedules), and how far its escalation went; null when it pages nobody.</summary>
    public OnCall.AlertPage? Page { get; init; }

    public bool Firing => Status == "firing";
}
