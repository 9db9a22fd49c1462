namespace ChatOps.Core.Ops.Model;

/// <summary>One change in a target's history.</summary>
public sealed record ConfigChangeInfo(string Revision, string Previous, string Action, string Outcome, string RequestedBy, string ConfirmedBy,
    DateTimeOffset At, string Diff, IReadOnlyList<string> Output);
