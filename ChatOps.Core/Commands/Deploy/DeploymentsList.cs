using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Commands.Deploy;

public sealed record DeploymentsList(string? Service, IReadOnlyList<DeploymentInfo> Deployments);
