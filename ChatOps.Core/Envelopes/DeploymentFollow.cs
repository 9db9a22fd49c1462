namespace ChatOps.Core.Envelopes;

/// <summary>On an envelope that follows a deployment: which one, and the how-many-th look this is. The state
/// lives here and in the Ops service, never in a worker, so a restarted worker carries on.</summary>
public sealed record DeploymentFollow(string DeploymentId, int Round);
