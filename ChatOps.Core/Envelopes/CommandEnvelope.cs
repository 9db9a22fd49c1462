namespace ChatOps.Core.Envelopes;

/// <summary>
/// One command as it travels from the HTTP function to the worker through the queue.
/// Everything the worker needs to run the command and to answer in the right place is here,
/// so the worker never has to look back at the original Slack payload.
/// </summary>
public sealed record CommandEnvelope
{
    /// <summary>Schema version, so a worker can refuse a message it does not understand.</summary>
    public int V { get; init; } = 1;

    /// <summary>Stable id of this command: Slack's event_id, or the trigger_id of a slash command.
    /// It is the error id users are shown and the key logs are searched by.</summary>
    public required string Id { get; init; }

    public required EnvelopeSource Source { get; init; }
    public string? TeamId { get; init; }
    public required string ChannelId { get; init; }
    public required string UserId { get; init; }

    /// <summary>ts of the message that carried the command (events only).</summary>
    public string? MessageTs { get; init; }

    /// <summary>Thread to answer in; null answers at the top of a DM.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>The command text, with the bot mention removed and Slack's escaping undone.</summary>
    public required string Text { get; init; }

    /// <summary>Slash command name (e.g. /ops); null for events.</summary>
    public string? SlashCommand { get; init; }

    public string? ResponseUrl { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>X-Slack-Retry-Num of the delivery that was enqueued (0 = first delivery).</summary>
    public int RetryNum { get; init; }
    public string? RetryReason { get; init; }
}
