using System.Collections.Concurrent;

namespace ChatOps.OpsService.Config;

/// <summary>One change per configuration file at a time, whoever makes it: a push, a rollback, or `change sampling`
/// rewriting Jaeger's sampling file (the <see cref="ConfigTargets.Sampling"/> target). Without one lock a sampling change
/// could read the file, a push replace it, and the sampling change write its stale copy back over the push.</summary>
public sealed class ConfigLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for <paramref name="target"/>'s lock; disposing the answer releases it.</summary>
    public async Task<IDisposable> TakeAsync(string target, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(target, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Held(gate);
    }

    private sealed class Held(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
