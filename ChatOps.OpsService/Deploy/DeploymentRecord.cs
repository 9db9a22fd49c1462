namespace ChatOps.OpsService.Deploy;

/// <summary>One deployment as the history keeps it. <see cref="PreviousVersion"/> is the version that had
/// deployed successfully before it (null for a service's first).</summary>
public sealed record DeploymentRecord(
    string Id,
    string Service,
    string Version,
    string? PreviousVersion,
    bool Rollback,
    string RequestedBy,
    string ConfirmedBy,
    string TraceId,
    DateTimeOffset StartedAt,
    DeploymentState State,
    DateTimeOffset? FinishedAt = null,
    int? ExitCode = null)
{
    public IReadOnlyList<string> Output { get; init; } = [];

    /// <summary>For a succeeded deployment: <see cref="Deploy.Verification"/>'s words; null before it ends or for an old record.</summary>
    public string? Verification { get; init; }

    /// <summary>What the version query reported, for people ("Prometheus reports 1.5.0 on 3/3 series").</summary>
    public string? VerificationNote { get; init; }

    public bool Done => State != DeploymentState.Running;
}
