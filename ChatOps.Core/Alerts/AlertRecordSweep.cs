using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Alerts;

/// <summary>
/// Keeps each group's record as long as its incident. A firing group's record is kept however long it fires, and
/// written again when storage has not written it for <see cref="RefreshAfter"/>, so the storage account's lifecycle
/// rule (which deletes what was not written for 7 days) never takes it. A resolved group's record is removed
/// <see cref="ResolvedGrace"/> after it resolved; until then a click on the message still works and a re-fire links
/// the earlier message. The same in Azure and locally, where nothing else cleans up.
/// </summary>
public sealed class AlertRecordSweep(IAlertMessages messages, TimeProvider clock, ILogger<AlertRecordSweep> log)
{
    public static readonly TimeSpan ResolvedGrace = TimeSpan.FromDays(3);

    /// <summary>Well inside the lifecycle rule's 7 days, so one sweep missed (the app scaled to zero) costs nothing.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromDays(2);

    /// <summary>A firing group Alertmanager has said nothing of for this long is gone from it (it repeats a firing group
    /// every repeat_interval, hours by default): its record is removed rather than kept forever.</summary>
    public static readonly TimeSpan Abandoned = TimeSpan.FromDays(30);

    /// <summary>A notification body waits in storage only until its notification is shown; one this old belongs to a
    /// notification that failed for good (retries stop 30 minutes after it was received).</summary>
    public static readonly TimeSpan BodyKeep = TimeSpan.FromDays(1);

    public async Task<AlertSweepResult> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        int removed = 0, refreshed = 0, bodies = 0;
        await foreach (var stored in messages.ListAsync(ct).ConfigureAwait(false))
        {
            var record = stored.Record;
            var remove = record.Firing ? now - record.UpdatedAt > Abandoned : now - record.UpdatedAt > ResolvedGrace;
            if (remove)
            {
                // Conditional: a notification that came in meanwhile keeps the record.
                if (await messages.TryRemoveAsync(stored.GroupId, stored.Version, ct).ConfigureAwait(false)) removed++;
                continue;
            }
            if (record.Firing && now - stored.WrittenAt > RefreshAfter &&
                await messages.TryReplaceAsync(stored.GroupId, record, stored.Version, ct).ConfigureAwait(false) is not null)
                refreshed++;
        }
        await foreach (var (name, writtenAt) in messages.ListNotificationsAsync(ct).ConfigureAwait(false))
        {
            if (now - writtenAt <= BodyKeep) continue;
            await messages.RemoveNotificationAsync(name, ct).ConfigureAwait(false);
            bodies++;
        }
        log.LogInformation("Alert records swept: {Removed} removed, {Refreshed} kept for firing groups, {Bodies} leftover notification bodies removed",
            removed, refreshed, bodies);
        return new AlertSweepResult(removed, refreshed, bodies);
    }
}
