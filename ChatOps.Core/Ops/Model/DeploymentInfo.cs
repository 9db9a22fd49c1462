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

    /// <summary>For a succeeded deployment, whether the service's version query was seen reporting it: "verifying",
    /// "verified", "not_verified", "off"; null otherwise (or from an Ops service that does not check).</summary>
    public string? Verification { get; init; }

    /// <summary>What the version query reported, for people ("Prometheus reports 1.5.0 on 3/3 series").</summary>
    public string? VerificationNote { get; init; }

    /// <summary>Over, and nothing more will be said of it: done, and not being verified.</summary>
    public bool Settled => Done && Verification != "verifying";

    public TimeSpan? Duration => FinishedAt is { } f ? f - StartedAt : null;
}
