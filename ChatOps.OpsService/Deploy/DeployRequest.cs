namespace ChatOps.OpsService.Deploy;

/// <summary>What the bot asks for: a version of a service, by whom, confirmed by whom, under which trace.</summary>
/// <param name="RunningVersion">What the service's version query reports now, when it has one.</param>
/// <param name="ExpectedLast">Set: the newest deployment of the service its prompt saw ("" = none); anything newer refuses it.</param>
public sealed record DeployRequest(string Service, string Version, string RequestedBy, string ConfirmedBy, string TraceId, bool Rollback = false,
    string? RunningVersion = null, string? ExpectedLast = null);
