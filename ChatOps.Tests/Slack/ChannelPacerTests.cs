using ChatOps.Core.Slack;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Slack;

/// <summary>A burst of replies to one channel waits its turn (about one post a second) instead of tripping
/// Slack's 429s; other channels never wait behind it.</summary>
public sealed class ChannelPacerTests
{
    [Fact]
    public async Task FivePostsToOneChannel_AreSpacedBySlacksPace_AnotherChannelGoesAtOnce()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-01T09:00:00Z"));
        var waits = new List<(string Channel, TimeSpan Wait)>();
        string current = "";
        var pacer = new ChannelPacer(TimeSpan.FromSeconds(1), clock, (wait, _) =>
        {
            lock (waits) waits.Add((current, wait));
            return Task.CompletedTask;
        });

        current = "C1";
        for (var i = 0; i < 5; i++) await pacer.WaitTurnAsync("C1");
        current = "C2";
        await pacer.WaitTurnAsync("C2");

        Assert.Equal([1, 2, 3, 4], waits.Where(w => w.Channel == "C1").Select(w => w.Wait.TotalSeconds));
        Assert.DoesNotContain(waits, w => w.Channel == "C2");
    }

    [Fact]
    public async Task APostAfterAQuietSecond_DoesNotWait()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-01T09:00:00Z"));
        var waited = false;
        var pacer = new ChannelPacer(TimeSpan.FromSeconds(1), clock, (_, _) => { waited = true; return Task.CompletedTask; });

        await pacer.WaitTurnAsync("C1");
        clock.Now += TimeSpan.FromSeconds(1.5);
        await pacer.WaitTurnAsync("C1");

        Assert.False(waited);
    }
}
