namespace ChatOps.Core.Alerts;

/// <summary>groupKey -> the group's message, in the app's storage account. Writes are conditional, so two
/// notifications of one group racing each other cannot both post. Also keeps the notifications too big for a queue
/// message until the worker has posted them.</summary>
public interface IAlertMessages
{
    Task<(AlertMessageRecord Record, string Version)?> FindAsync(string groupId, CancellationToken ct = default);

    /// <summary>Creates the record; null when one exists already (another notification of the group got there first).</summary>
    Task<string?> TryCreateAsync(string groupId, AlertMessageRecord record, CancellationToken ct = default);

    /// <summary>Replaces the record if it is still at <paramref name="version"/>; null when it changed in between.</summary>
    Task<string?> TryReplaceAsync(string groupId, AlertMessageRecord record, string version, CancellationToken ct = default);

    /// <summary>Keeps a whole notification under <paramref name="name"/> (overwriting: a re-sent one is the same).</summary>
    Task SaveNotificationAsync(string name, AlertNotification notification, CancellationToken ct = default);

    /// <summary>The notification kept under <paramref name="name"/>; null when there is none.</summary>
    Task<AlertNotification?> LoadNotificationAsync(string name, CancellationToken ct = default);

    Task RemoveNotificationAsync(string name, CancellationToken ct = default);

    /// <summary>Every group's record, for the sweep that keeps records as long as their incidents.</summary>
    IAsyncEnumerable<StoredAlertRecord> ListAsync(CancellationToken ct = default);

    /// <summary>Removes the record if it is still at <paramref name="version"/>; false when it changed in between.</summary>
    Task<bool> TryRemoveAsync(string groupId, string version, CancellationToken ct = default);

    /// <summary>The kept notifications and when each was written, so the sweep can remove those left behind.</summary>
    IAsyncEnumerable<(string Name, DateTimeOffset WrittenAt)> ListNotificationsAsync(CancellationToken ct = default);
}
