using ChatOps.Core.Failures;
using ChatOps.Core.Ops;
using Grpc.Core;

namespace ChatOps.Core.Worker;

/// <summary>What a follow-up chain does when the Ops service does not answer a look: tell a passing outage from an
/// answer, and wait longer between looks the longer it lasts.</summary>
public static class OpsOutage
{
    /// <summary>The longest wait between looks while the Ops service cannot be reached.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>Unreachable, overloaded or slow: the Ops service may answer again in a minute (a restart).</summary>
    public static bool IsTransient(ServiceFailureException ex) =>
        ex.Handling == FailureHandling.Retry ||
        ex is OpsException { Code: StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Unknown };

    /// <summary>The wait before the next look after <paramref name="misses"/> looks in a row went unanswered.</summary>
    public static TimeSpan Backoff(TimeSpan poll, int misses) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, poll.Ticks << Math.Min(misses, 16)));
}
