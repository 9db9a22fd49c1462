using ChatOps.Core.Worker;

namespace ChatOps.Core.Delivery;

/// <summary>What <see cref="IDeliveryClaims.TryClaimAsync"/> found.</summary>
public abstract record ClaimResult
{
    private ClaimResult()
    {
    }

    /// <summary>This delivery holds the key and runs the command.</summary>
    public sealed record Claimed(DeliveryClaim Claim) : ClaimResult;

    /// <summary>Answered before: nothing runs again.</summary>
    public sealed record Finished(DeliveryRecord Record) : ClaimResult;

    /// <summary>Another live delivery holds the key right now.</summary>
    public sealed record Busy(DateTimeOffset Since) : ClaimResult;
}
