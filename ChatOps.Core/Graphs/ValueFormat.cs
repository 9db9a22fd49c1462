using System.Globalization;

namespace ChatOps.Core.Graphs;

/// <summary>Short value labels for an axis: 1.5k req/s, 1.235M, 0.25%; seconds and bytes scale to their own units.</summary>
public static class ValueFormat
{
    public static string Format(double v, string? unit)
    {
        if (unit is "s" or "seconds" && v != 0 && Math.Abs(v) < 1)
            return Number(v * 1000) + " ms";
        if (unit is "bytes" or "B")
            return Scaled(v, 1024, ["B", "KiB", "MiB", "GiB", "TiB"]);
        var (scaled, suffix) = Math.Abs(v) switch
        {
            >= 1e9 => (v / 1e9, "G"),
            >= 1e6 => (v / 1e6, "M"),
            >= 1e3 => (v / 1e3, "k"),
            _ => (v, ""),
        };
        var number = Number(scaled) + suffix;
        return string.IsNullOrEmpty(unit) ? number : unit == "%" ? number + "%" : $"{number} {unit}";
    }

    private static string Scaled(double v, double factor, string[] units)
    {
        var i = 0;
        while (Math.Abs(v) >= factor && i < units.Length - 1) (v, i) = (v / factor, i + 1);
        return $"{Number(v)} {units[i]}";
    }

    private static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
