namespace ChatOps.Core.Ops.Model;

/// <summary>One deployment as the Ops service reports it. <see cref="Output"/> holds the newest lines of the
/// action's output (raw text from the action: escape it before it reaches Slack).</summary>
public sealed record DeploymentInfo(
    string Id,
    string Service,
    string Version,
    string? PreviousVersion,
    bool Rollback,
    string RequestedBy,
    string ConfirmedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    DeploymentState State,
    int? ExitCode,
    IReadOnlyList<string> Output)
{
    public string? TraceId { get; init; }

    public bool Done => State != DeploymentState.Running;

    public TimeSpan? Duration => FinishedAt is { } f ? f - StartedAt : null;
}
