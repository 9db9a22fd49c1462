namespace ChatOps.Core.Ops.Model;

/// <summary>How a push or rollback ended: applied, restored (the reload or verification failed and <see cref="Previous"/>
/// is back), refused (nothing written), unchanged; "planned" for a rollback asked only to plan.</summary>
public sealed record ConfigChangeResult(string Outcome, string? Refusal, string Revision, string Previous, IReadOnlyList<string> Output, string Diff);
