namespace ChatOps.OpsService.Profiles;

/// <summary>A request for a profile. The same <see cref="RequestId"/> again (a retried command) answers the same capture.</summary>
public sealed record ProfileOrder(string Service, string Kind, int Seconds, string RequestedBy, string RequestId);
