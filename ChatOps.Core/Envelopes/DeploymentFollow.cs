namespace ChatOps.Core.Envelopes;

/// <summary>On an envelope that follows a deployment: which one, and the how-many-th look this is. The state
/// lives here and in the Ops service, never in a worker, so a restarted worker carries on.</summary>
/// <param name="Misses">How many looks in a row the Ops service could not answer (each waits longer).</param>
public sealed record DeploymentFollow(string DeploymentId, int Round, int Misses = 0);
