namespace ChatOps.Core.Ops.Model;

/// <summary>Roll a target back to <see cref="Revision"/> (null: the one the newest change replaced), only over
/// <see cref="ExpectedRevision"/> when given.</summary>
public sealed record ConfigRollbackOrder(string Target, string? Revision, string? ExpectedRevision, string RequestedBy, string ConfirmedBy);
