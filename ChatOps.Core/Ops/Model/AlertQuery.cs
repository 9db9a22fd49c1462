namespace ChatOps.Core.Ops.Model;

/// <summary>`alerts` filters: labels the alert must all carry ("name=value"), states, active since.</summary>
public sealed record AlertQuery(IReadOnlyList<string> Labels, IReadOnlyList<string> States, DateTimeOffset? ActiveSince);
