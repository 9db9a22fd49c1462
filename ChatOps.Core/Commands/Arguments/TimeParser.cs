using System.Globalization;

namespace ChatOps.Core.Commands.Arguments;

/// <summary>
/// Times as people type them: `now`, relative (`-2h`, `-90m`, `-1d`, `-1h30m`), the seed bot's
/// `01/02/2006-15:04:05` (month first, UTC) and ISO 8601 (UTC unless an offset is given).
/// </summary>
public static class TimeParser
{
    public const string Accepted = "`now`, `-2h` (relative), `01/02/2006-15:04:05` (UTC) or ISO 8601 like `2026-11-21T09:30:00Z`";

    /// <summary>The contract carries unix nanoseconds in an int64, which ends in April 2262.</summary>
    private static readonly DateTimeOffset Latest = new(2262, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool TryParse(string text, DateTimeOffset now, out DateTimeOffset time) =>
        TryParseAny(text, now, out time) && time >= DateTimeOffset.UnixEpoch && time < Latest;

    private static bool TryParseAny(string text, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        var t = text.Trim();
        if (t.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            time = now;
            return true;
        }
        if (t.StartsWith('-') && DurationParser.TryParse(t[1..], out var ago, allowDays: true))
        {
            time = now - ago;
            return true;
        }
        if (DateTime.TryParseExact(t, "MM/dd/yyyy-HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var seed))
        {
            time = new DateTimeOffset(seed, TimeSpan.Zero);
            return true;
        }
        string[] iso = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];
        if (DateTimeOffset.TryParseExact(t, iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.ToUniversalTime();
            return true;
        }
        return false;
    }
}
