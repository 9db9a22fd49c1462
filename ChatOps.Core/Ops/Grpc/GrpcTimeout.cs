using System.Globalization;

namespace ChatOps.Core.Ops.Grpc;

/// <summary>The grpc-timeout header: at most 8 digits and a unit (H, M, S, m, u, n).</summary>
public static class GrpcTimeout
{
    public static string Format(TimeSpan timeout)
    {
        var ms = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
        return ms <= 99_999_999 ? ms.ToString(CultureInfo.InvariantCulture) + "m"
            : Math.Min(99_999_999, (long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
    }

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (string.IsNullOrEmpty(value) || value.Length < 2 || value.Length > 9) return false;
        if (!long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return false;
        TimeSpan? parsed = value[^1] switch
        {
            'H' => TimeSpan.FromHours(n),
            'M' => TimeSpan.FromMinutes(n),
            'S' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMilliseconds(n),
            'u' => TimeSpan.FromMicroseconds(n),
            'n' => TimeSpan.FromTicks(n / 100),
            _ => null,
        };
        if (parsed is null) return false;
        timeout = parsed.Value;
        return true;
    }
}
