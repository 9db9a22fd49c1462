namespace ChatOps.Core.Delivery;

/// <summary>
/// The once-only store, shared by every instance: a delivery claims its dedupe key before anything runs,
/// and records the outcome once it has answered. The claim is atomic across instances, so two deliveries
/// of one Slack event running at the same moment on two instances cannot both run it.
/// </summary>
public interface IDeliveryClaims
{
    /// <param name="messageId">The queue message carrying this delivery: a claim held by the same message is
    /// a dead earlier attempt (the queue only shows a message again once its previous holder's lease ran out),
    /// so it is taken over.</param>
    Task<ClaimResult> TryClaimAsync(string key, string messageId, CancellationToken ct = default);

    /// <summary>The key is answered for good: later deliveries find this record and run nothing.</summary>
    Task FinishAsync(DeliveryClaim claim, Worker.DeliveryRecord record, CancellationToken ct = default);

    /// <summary>Nothing final was decided (a failure, a refused click): a later delivery may run.</summary>
    Task ReleaseAsync(DeliveryClaim claim, CancellationToken ct = default);
}
