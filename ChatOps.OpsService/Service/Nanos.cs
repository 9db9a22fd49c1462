namespace ChatOps.OpsService.Service;

/// <summary>The contract's unix-nanosecond times and nanosecond durations.</summary>
internal static class Nanos
{
    public static DateTimeOffset ToTime(long nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(Math.Clamp(nanos / 100, 0, DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks));

    public static TimeSpan ToSpan(long nanos) => TimeSpan.FromTicks(Math.Clamp(nanos / 100, 0, TimeSpan.FromDays(3650).Ticks));

    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
