namespace ChatOps.OpsService.Config;

/// <summary>What pushing a candidate would do. <paramref name="Problem"/> set = it would be refused (nothing is
/// written either way); <paramref name="Output"/> is the validator's, when one ran.</summary>
public sealed record ConfigPlan(
    string? Problem,
    IReadOnlyList<string> Output,
    string CurrentRevision,
    string CandidateRevision,
    string Diff);
