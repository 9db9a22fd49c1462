namespace ChatOps.Core.Ops;

/// <summary>The contract's int64 times (unix nanoseconds) and durations (nanoseconds); 0 means "not given".</summary>
internal static class UnixNanos
{
    public static long From(DateTimeOffset? time) =>
        time is { } t ? (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100 : 0;

    public static long From(TimeSpan? span) => span is { } s ? s.Ticks * 100 : 0;

    public static DateTimeOffset ToTime(long nanos)
    {
        var ticks = nanos / 100;
        var max = DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(Math.Clamp(ticks, 0, max));
    }
}
