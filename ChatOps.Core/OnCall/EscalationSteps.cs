using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;

namespace ChatOps.Core.OnCall;

/// <summary>Queues one step of an episode's paging chain, visible after its delay. The step's id names the group, the
/// episode and the level, so the same step queued twice (a retried post, a redelivered step) is claimed and run once.</summary>
public sealed class EscalationSteps(IFollowUps followUps, TimeProvider clock)
{
    /// <summary>How soon after its message is posted the on-call person's DM goes out: a step, so a worker that dies
    /// right after the post still sends it.</summary>
    public static readonly TimeSpan FirstStepDelay = TimeSpan.FromSeconds(1);

    public Task QueueAsync(string groupId, DateTimeOffset episode, int level, string channel, TimeSpan delay, CancellationToken ct = default,
        string? alert = null) =>
        followUps.QueueAsync(Envelope(groupId, episode, level, channel, alert), delay, ct);

    public CommandEnvelope Envelope(string groupId, DateTimeOffset episode, int level, string channel, string? alert = null) => new()
    {
        Id = $"alertesc-{groupId}-{episode.UtcTicks}-{level}",
        Kind = EnvelopeKind.AlertEscalation,
        Source = EnvelopeSource.Alertmanager,
        ChannelId = channel,
        UserId = Alerts.AlertWebhook.Sender,
        Text = "",
        ReceivedAt = clock.GetUtcNow(),
        Escalation = new AlertEscalation(groupId, episode, level, alert),
    };
}
