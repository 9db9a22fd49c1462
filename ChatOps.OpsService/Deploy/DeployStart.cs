namespace ChatOps.OpsService.Deploy;

/// <summary>A deployment that started, or why none did (nothing was run then).</summary>
public sealed record DeployStart(DeploymentRecord? Deployment, string? Refusal)
{
    public static DeployStart Refused(string reason) => new(null, reason);
}
