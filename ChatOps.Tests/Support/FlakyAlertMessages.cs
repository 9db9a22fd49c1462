using ChatOps.Core.Alerts;

namespace ChatOps.Tests.Support;

/// <summary>The real alert records with storage failures on demand: the next <see cref="FailSavingTs"/> writes of a
/// record that carries a ts (saving it after a post) throw, as a storage outage would.</summary>
public sealed class FlakyAlertMessages(IAlertMessages inner) : IAlertMessages
{
    public int FailSavingTs { get; set; }

    public Task<(AlertMessageRecord Record, string Version)?> FindAsync(string groupId, CancellationToken ct = default) => inner.FindAsync(groupId, ct);

    public Task<string?> TryCreateAsync(string groupId, AlertMessageRecord record, CancellationToken ct = default) =>
        inner.TryCreateAsync(groupId, record, ct);

    public Task<string?> TryReplaceAsync(string groupId, AlertMessageRecord record, string version, CancellationToken ct = default)
    {
        if (record.Ts is not null && FailSavingTs > 0)
        {
            FailSavingTs--;
            throw new IOException("storage unavailable");
        }
        return inner.TryReplaceAsync(groupId, record, version, ct);
    }

    public Task SaveNotificationAsync(string name, AlertNotification notification, CancellationToken ct = default) =>
        inner.SaveNotificationAsync(name, notification, ct);

    public Task<AlertNotification?> LoadNotificationAsync(string name, CancellationToken ct = default) => inner.LoadNotificationAsync(name, ct);

    public Task RemoveNotificationAsync(string name, CancellationToken ct = default) => inner.RemoveNotificationAsync(name, ct);

    public IAsyncEnumerable<StoredAlertRecord> ListAsync(CancellationToken ct = default) => inner.ListAsync(ct);

    public Task<bool> TryRemoveAsync(string groupId, string version, CancellationToken ct = default) => inner.TryRemoveAsync(groupId, version, ct);

    public IAsyncEnumerable<(string Name, DateTimeOffset WrittenAt)> ListNotificationsAsync(CancellationToken ct = default) => inner.ListNotificationsAsync(ct);
}
