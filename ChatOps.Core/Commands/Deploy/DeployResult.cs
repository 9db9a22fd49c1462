using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>What a confirmed deploy or rollback led to.</summary>
public abstract record DeployResult;

/// <summary>The Ops service started it: the bot follows it from here (<see cref="Deployment"/>.Id).</summary>
public sealed record DeployStarted(DeploymentInfo Deployment) : DeployResult, IFollowedResult
{
    public string DeploymentId => Deployment.Id;
}

/// <summary>The Ops service refused it; nothing ran.</summary>
public sealed record DeployRefused(string Service, string Reason) : DeployResult, IFailedResult
{
    public string AuditOutcome => "refused";
}
