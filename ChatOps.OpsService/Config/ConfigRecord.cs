namespace ChatOps.OpsService.Config;

/// <summary>One change of a target, as kept in its history: what was replaced by what, by whom, and how it ended.</summary>
/// <param name="Action">push or rollback.</param>
/// <param name="Outcome">applied, or restored (the reload or the verification failed and <paramref name="Previous"/> is back).</param>
public sealed record ConfigRecord(
    string Target,
    string Revision,
    string Previous,
    string Action,
    string Outcome,
    string RequestedBy,
    string ConfirmedBy,
    DateTimeOffset At,
    string Diff,
    IReadOnlyList<string> Output);
