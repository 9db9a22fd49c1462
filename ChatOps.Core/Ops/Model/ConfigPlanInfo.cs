namespace ChatOps.Core.Ops.Model;

/// <summary>What pushing a candidate would do: the unified diff against <see cref="CurrentRevision"/>, or why it would be
/// refused (<see cref="Refusal"/>, with the validator's <see cref="Output"/>). Nothing is written by a plan.</summary>
public sealed record ConfigPlanInfo(string? Refusal, IReadOnlyList<string> Output, string CurrentRevision, string CandidateRevision, string Diff);
