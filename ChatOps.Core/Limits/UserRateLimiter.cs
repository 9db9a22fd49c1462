using System.Collections.Concurrent;
using ChatOps.Core.Options;

namespace ChatOps.Core.Limits;

/// <summary>
/// At most <see cref="LimitOptions.CommandsPerMinute"/> commands per user in any 60-second window, counted
/// in this instance (a scaled-out app allows that many per instance; docs/trust.md says so).
/// </summary>
public sealed class UserRateLimiter(LimitOptions options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _users = new();

    /// <returns>True when the user may run one more command now; else when they may again.</returns>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (options.CommandsPerMinute <= 0) return true;
        var now = clock.GetUtcNow();
        var times = _users.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && now - times.Peek() >= Window) times.Dequeue();
            if (times.Count >= options.CommandsPerMinute)
            {
                retryAfter = times.Peek() + Window - now;
                return false;
            }
            times.Enqueue(now);
            return true;
        }
    }
}
