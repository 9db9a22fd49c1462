using ChatOps.Core.Worker;

namespace ChatOps.Core.Delivery;

/// <summary>
/// How any store reads what it holds under a key, so the blob store and the tests' store decide alike:
/// a record is final; a marker of the same queue message, or one older than the stale bound, is a dead
/// attempt that may be taken over; any other marker is a live delivery.
/// </summary>
public static class ClaimRules
{
    /// <summary>Past this, a claim held by another message is dead whatever it says: longer than the
    /// function timeout (host.json functionTimeout, 5 minutes) plus the queue's visibility timeout.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public static ClaimResult? Judge(string? stored, string messageId, DateTimeOffset now)
    {
        if (DeliveryRecord.TryParse(stored) is { } record) return new ClaimResult.Finished(record);
        if (ClaimMarker.TryParse(stored) is { } marker && marker.MessageId != messageId && now - marker.Since < StaleAfter)
            return new ClaimResult.Busy(marker.Since);
        // Unreadable, dead or our own earlier attempt: the caller takes it over.
        return null;
    }
}
