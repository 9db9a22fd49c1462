namespace ChatOps.Core.Ops.Model;

/// <summary>One row of `list traces`.</summary>
public sealed record TraceSummary(string Id, DateTimeOffset Start);
