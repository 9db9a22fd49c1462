using System.Collections.Concurrent;

namespace ChatOps.Core.Slack;

/// <summary>
/// Spaces this instance's posts to one channel by <see cref="SlackOptions.ChannelPace"/> (Slack documents about
/// one message per second per channel), so a burst of replies to one channel waits its turn here instead of
/// tripping 429s. Each channel has its own turn; other channels never wait. Per instance: across instances
/// the 429 handling (a deferred reply) still applies.
/// </summary>
public sealed class ChannelPacer(TimeSpan pace, TimeProvider clock, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? ((wait, ct) => Task.Delay(wait, clock, ct));
    private readonly ConcurrentDictionary<string, Turn> _channels = new(StringComparer.Ordinal);

    /// <summary>Waits until this channel's next post may go; the slot is taken on return.</summary>
    public async Task WaitTurnAsync(string channel, CancellationToken ct = default)
    {
        if (pace <= TimeSpan.Zero) return;
        var turn = _channels.GetOrAdd(channel, _ => new Turn());
        DateTimeOffset slot;
        lock (turn)
        {
            var now = clock.GetUtcNow();
            slot = turn.Next > now ? turn.Next : now;
            turn.Next = slot + pace;
        }
        var wait = slot - clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await _delay(wait, ct).ConfigureAwait(false);
        if (_channels.Count > 10_000) Sweep();
    }

    // Channels idle for a while hold no turn worth keeping; bounded memory under many channels.
    private void Sweep()
    {
        var stale = clock.GetUtcNow() - pace;
        foreach (var (channel, turn) in _channels)
            if (turn.Next < stale) _channels.TryRemove(new(channel, turn));
    }

    private sealed class Turn
    {
        public DateTimeOffset Next { get; set; }
    }
}
