namespace ChatOps.OpsService.Deploy;

/// <summary>How a deploy action ended: its exit code when it exited, and the newest lines of its output.</summary>
public sealed record ActionOutcome(DeploymentState State, int? ExitCode, IReadOnlyList<string> Output);
