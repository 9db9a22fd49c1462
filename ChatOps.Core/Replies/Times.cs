using System.Globalization;

namespace ChatOps.Core.Replies;

/// <summary>Times and durations as people on call want to read them: UTC, and how long ago.</summary>
public static class Times
{
    public static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Ago(DateTimeOffset time, DateTimeOffset now)
    {
        var d = now - time;
        if (d < TimeSpan.Zero) return "in the future";
        if (d < TimeSpan.FromMinutes(1)) return $"{(int)d.TotalSeconds}s ago";
        if (d < TimeSpan.FromHours(1)) return $"{(int)d.TotalMinutes}m ago";
        if (d < TimeSpan.FromDays(2)) return $"{(int)d.TotalHours}h{d.Minutes:00}m ago";
        return $"{(int)d.TotalDays}d ago";
    }

    /// <summary>A window as people say it: 5m, 1h, 6h, 7d (falls back to <see cref="Duration"/>).</summary>
    public static string Window(TimeSpan d) => d switch
    {
        _ when d.Ticks % TimeSpan.TicksPerDay == 0 => $"{(int)d.TotalDays}d",
        _ when d.Ticks % TimeSpan.TicksPerHour == 0 => $"{(int)d.TotalHours}h",
        _ when d.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(int)d.TotalMinutes}m",
        _ => Duration(d),
    };

    public static string Duration(TimeSpan d) => d switch
    {
        _ when d < TimeSpan.FromMilliseconds(1) => $"{d.TotalMicroseconds:0.#} µs",
        _ when d < TimeSpan.FromSeconds(1) => $"{d.TotalMilliseconds:0.##} ms",
        _ when d < TimeSpan.FromMinutes(1) => $"{d.TotalSeconds:0.###} s",
        _ => $"{(int)d.TotalMinutes}m{d.Seconds:00}s",
    };
}
