using System.Collections.Concurrent;

namespace ChatOps.Core.Worker;

/// <summary>
/// This instance's memory of dedupe keys: the ones being worked on now and the ones finished in the last
/// hour. It closes the window the blob store leaves open inside one instance (two deliveries running at
/// once both find no blob yet), and it is the whole store where no blob binding exists.
/// </summary>
public sealed class RecentDeliveries(TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private const int MaxKept = 20_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    /// <summary>Claims the key for this delivery; false (with what is known) when it is taken.</summary>
    public bool TryClaim(string key, out DeliveryRecord? finished)
    {
        Sweep();
        var now = clock.GetUtcNow();
        while (true)
        {
            if (_entries.TryAdd(key, new Entry(null, now)))
            {
                finished = null;
                return true;
            }
            if (!_entries.TryGetValue(key, out var entry)) continue;
            if (entry.Record is not null && now - entry.Since > KeepFor && _entries.TryRemove(new(key, entry))) continue;
            finished = entry.Record;
            return false;
        }
    }

    /// <summary>The key is answered for good: later deliveries are duplicates.</summary>
    public void Finish(string key, DeliveryRecord record) => _entries[key] = new Entry(record, clock.GetUtcNow());

    /// <summary>The delivery failed or decided nothing final: a later one may try again.</summary>
    public void Release(string key) => _entries.TryRemove(key, out _);

    private void Sweep()
    {
        if (_entries.Count < MaxKept) return;
        var cutoff = clock.GetUtcNow() - KeepFor;
        foreach (var (key, entry) in _entries)
            if (entry.Record is not null && entry.Since < cutoff) _entries.TryRemove(new(key, entry));
        // Still full of fresh keys: forget the oldest finished ones rather than grow without bound.
        if (_entries.Count >= MaxKept)
            foreach (var (key, entry) in _entries.Where(e => e.Value.Record is not null).OrderBy(e => e.Value.Since).Take(MaxKept / 10).ToList())
                _entries.TryRemove(new(key, entry));
    }

    private sealed record Entry(DeliveryRecord? Record, DateTimeOffset Since);
}
