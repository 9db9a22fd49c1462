namespace ChatOps.Core.Alerts;

/// <summary>What one sweep did: records removed, firing records written again, kept notification bodies removed.</summary>
public sealed record AlertSweepResult(int Removed, int Refreshed, int Bodies);
