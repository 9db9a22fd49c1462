using System.Globalization;

namespace ChatOps.Core.Graphs;

/// <summary>Time axis ticks in UTC at round intervals, at most about eight of them.</summary>
public static class TimeTicks
{
    private static readonly TimeSpan[] Intervals =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1),
        TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromDays(1),
        TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    public static IReadOnlyList<(DateTimeOffset Time, string Label)> For(DateTimeOffset from, DateTimeOffset to)
    {
        var span = to - from;
        var interval = Intervals.FirstOrDefault(i => span / i <= 8, Intervals[^1]);
        var format = interval < TimeSpan.FromMinutes(1) ? "HH:mm:ss" : span <= TimeSpan.FromDays(1) ? "HH:mm" : "MM-dd HH:mm";
        var first = new DateTimeOffset((from.UtcTicks + interval.Ticks - 1) / interval.Ticks * interval.Ticks, TimeSpan.Zero);
        var ticks = new List<(DateTimeOffset, string)>();
        for (var t = first; t <= to; t += interval) ticks.Add((t, t.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)));
        return ticks;
    }
}
