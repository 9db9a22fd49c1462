using System.Globalization;

namespace ChatOps.Core.Commands.Profiles;

/// <summary>A profile's values in the units people read: time, bytes, or a count.</summary>
public static class ProfileValues
{
    public static string Format(long value, string unit) => unit switch
    {
        "nanoseconds" => Time(value),
        "bytes" => Bytes(value),
        "count" or "" => value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.ToString("N0", CultureInfo.InvariantCulture) + " " + unit,
    };

    public static string Percent(long part, long total) =>
        total <= 0 ? "–" : (100.0 * part / total).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Time(long ns) => ns switch
    {
        >= 1_000_000_000 => (ns / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " s",
        >= 1_000_000 => (ns / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " ms",
        >= 1_000 => (ns / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " µs",
        _ => ns + " ns",
    };

    private static string Bytes(long b) => b switch
    {
        >= 1L << 30 => (b / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
        >= 1L << 20 => (b / (double)(1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1L << 10 => (b / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => b + " B",
    };
}
