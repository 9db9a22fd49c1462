namespace ChatOps.OpsService.Config;

/// <summary>Who asked for a change and who confirmed it (Slack user ids), for the history.</summary>
public sealed record ConfigRequester(string RequestedBy, string ConfirmedBy);
