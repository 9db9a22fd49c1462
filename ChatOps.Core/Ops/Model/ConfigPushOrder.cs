namespace ChatOps.Core.Ops.Model;

/// <summary>Push <see cref="CandidateRevision"/> (planned before, or <see cref="Content"/>) over
/// <see cref="ExpectedRevision"/>, the revision its diff was shown against.</summary>
public sealed record ConfigPushOrder(string Target, byte[]? Content, string CandidateRevision, string ExpectedRevision, string RequestedBy, string ConfirmedBy);
