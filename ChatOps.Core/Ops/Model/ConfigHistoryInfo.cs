namespace ChatOps.Core.Ops.Model;

/// <summary>A target's changes, newest first, or the refusal (an unknown target).</summary>
public sealed record ConfigHistoryInfo(string? Refusal, IReadOnlyList<ConfigChangeInfo> Changes);
