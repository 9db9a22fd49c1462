namespace ChatOps.Core.Ops.Model;

/// <summary>The answer to Deploy or Rollback: the deployment that started, or the refusal (nothing ran).
/// <see cref="TargetVersion"/> is the version it goes to (for a rollback planned only, the one it would).</summary>
public sealed record DeploymentStart(DeploymentInfo? Deployment, string? Refusal, string? TargetVersion)
{
    /// <summary>A plan's newest deployment of the service ("" = none yet): what the prompt saw, for <see cref="DeployOrder.ExpectedLast"/>.</summary>
    public string? LastDeployment { get; init; }
}
