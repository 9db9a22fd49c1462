using System.Collections.Concurrent;
using ChatOps.Core.OnCall;

namespace ChatOps.Tests.Support;

/// <summary>Overrides in memory, for tests of who is on call that need no storage.</summary>
public sealed class MemoryOnCallOverrides : IOnCallOverrides
{
    private readonly ConcurrentDictionary<string, OnCallOverride> _kept = new();

    public IReadOnlyCollection<OnCallOverride> Kept => _kept.Values.ToList();

    public Task<IReadOnlyList<OnCallOverride>> ListAsync(DateTimeOffset since, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<OnCallOverride>>(_kept.Values.Where(o => o.Until > since).ToList());

    public Task SaveAsync(OnCallOverride entry, CancellationToken ct = default)
    {
        _kept[entry.Id] = entry;
        return Task.CompletedTask;
    }
}
