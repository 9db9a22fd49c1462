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

    public bool Done => State != DeploymentState.Running;
}
