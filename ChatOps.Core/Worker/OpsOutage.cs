using ChatOps.Core.Failures;

namespace ChatOps.Core.Worker;

/// <summary>What a follow-up chain does when the Ops service does not answer a look (a passing outage, as
/// <see cref="TransientFailure"/> tells it): wait longer between looks the longer it lasts.</summary>
public static class OpsOutage
{
    /// <summary>The longest wait between looks while the Ops service cannot be reached.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>The wait before the next look after <paramref name="misses"/> looks in a row went unanswered.</summary>
    public static TimeSpan Backoff(TimeSpan poll, int misses) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, poll.Ticks << Math.Min(misses, 16)));
}
