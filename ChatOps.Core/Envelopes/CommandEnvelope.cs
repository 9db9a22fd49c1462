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

    /// <summary>What the worker is to do with it; null on envelopes queued before they said so (see
    /// <see cref="EnvelopeKinds.Of"/>, which infers it from the fields set).</summary>
    public EnvelopeKind? Kind { get; init; }

    /// <summary>Stable id of this command: Slack's event_id, or the trigger_id of a slash command (without one,
    /// a hash of the request's verified signature, so a replayed request keeps its id).
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

    /// <summary>The button clicked, for a click on one of the bot's confirmation messages; null for typed commands.</summary>
    public ButtonClick? Click { get; init; }

    /// <summary>How long the command text was as typed, when it was longer than the limit and
    /// <see cref="Text"/> holds only its start; the worker refuses it with both lengths.</summary>
    public int? TextLength { get; init; }

    /// <summary>Set when this envelope only brings back a reply Slack rate-limited: the command ran already,
    /// so the worker posts the kept reply and runs nothing.</summary>
    public DeferredReply? Deferred { get; init; }

    /// <summary>Set when this envelope follows a deployment its confirmation started: the worker
    /// asks the Ops service how it goes, updates the message and queues the next look; runs nothing.</summary>
    public DeploymentFollow? Follow { get; init; }

    /// <summary>Set when this envelope collects a profile its command started: the worker asks the Ops service for it,
    /// posts it in the thread once it is in, or looks again later; runs nothing.</summary>
    public ProfileCollect? Profile { get; init; }

    /// <summary>
    /// The same for every delivery of the same thing the user did, and different otherwise: a message is
    /// its channel + ts (Slack may send one message twice under different event ids, and retries keep both),
    /// a click is its confirmation request (so Confirm and Cancel, and a second click, share it), a slash
    /// command its trigger_id (or its signature). Serialized with the envelope, so a host can address its dedupe store by it;
    /// letters, digits, '-', '.' and '_' only.
    /// </summary>
    public string DedupeKey => DedupeKeys.For(this);

    /// <summary>The environment a typed command runs against, chosen once when Slack's request was acknowledged (its
    /// <c>env=</c>, else the channel's default), so every redelivery runs where the first was meant to even if the
    /// channel mapping changed since. Null on envelopes queued before environments and when the name was unknown
    /// (the worker then chooses, or refuses with the known names).</summary>
    public string? Environment { get; init; }

    /// <summary>An Alertmanager notification to post (source Alertmanager); null for everything people sent.</summary>
    public Alerts.AlertNotification? Alert { get; init; }

    /// <summary>Set when this envelope pages one level of an alert group's episode; runs nothing else.</summary>
    public AlertEscalation? Escalation { get; init; }
}

/// <summary>A click on a button of the bot's message.</summary>
/// <param name="ActionId">Which button (e.g. chatops.confirm).</param>
/// <param name="Value">The button's value as the bot wrote it (for confirmations, the signed request).</param>
/// <param name="MessageTs">ts of the message holding the button, to update it when no response_url came.</param>
public sealed record ButtonClick(string ActionId, string Value, string? MessageTs);
