namespace ChatOps.Core.Audit;

/// <summary>A deployment's audit fields: who asked, who confirmed, from and to, how it ended and how long it took.</summary>
public sealed record DeploymentAudit(
    string Id,
    string Service,
    string? From,
    string To,
    bool Rollback,
    string RequestedBy,
    string ConfirmedBy,
    string Result,
    int? ExitCode,
    long DurationMs);
