namespace ChatOps.OpsService.Deploy;

/// <summary>What the bot asks for: a version of a service, by whom, confirmed by whom, under which trace.</summary>
public sealed record DeployRequest(string Service, string Version, string RequestedBy, string ConfirmedBy, string TraceId, bool Rollback = false);
