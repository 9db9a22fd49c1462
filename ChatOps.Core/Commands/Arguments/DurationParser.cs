using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatOps.Core.Commands.Arguments;

/// <summary>Go-style durations: `250ms`, `2s`, `1.5s`, `1m30s`, `2h`, `500us`; `d` for days where allowed.</summary>
public static partial class DurationParser
{
    public const string Accepted = "a number and a unit: `250ms`, `2s`, `1m30s`, `2h`";

    /// <summary>The forms where days are allowed; "3 days" (a space, a word) is the usual slip.</summary>
    public const string AcceptedWithDays = "write a number and a unit with no space between, like `30m`, `2h`, `1h30m` or `3d` (units: ms, s, m, h, d)";

    public static bool TryParse(string text, out TimeSpan duration, bool allowDays = false)
    {
        duration = TimeSpan.Zero;
        var matches = Part().Matches(text.Trim());
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text.Trim()) return false;
        double ticks = 0;
        foreach (Match m in matches)
        {
            var value = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = m.Groups["unit"].Value;
            if (unit == "d" && !allowDays) return false;
            ticks += value * unit switch
            {
                "ns" => 0.01,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => TimeSpan.TicksPerDay,
            };
        }
        if (ticks > TimeSpan.FromDays(3650).Ticks) return false;
        duration = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }

    [GeneratedRegex(@"(?<n>\d+(\.\d+)?|\.\d+)(?<unit>ns|us|µs|ms|s|m|h|d)")]
    private static partial Regex Part();
}
