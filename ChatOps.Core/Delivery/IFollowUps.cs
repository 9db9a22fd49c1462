using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Delivery;

/// <summary>Queues an envelope again, visible after a delay: how the bot follows a deployment without a
/// function invocation waiting for it.</summary>
public interface IFollowUps
{
    Task QueueAsync(CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default);
}
