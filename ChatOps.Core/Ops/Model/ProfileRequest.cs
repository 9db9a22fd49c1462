namespace ChatOps.Core.Ops.Model;

/// <summary>A profile to take. <see cref="RequestId"/> (the command's id) makes a retried request answer the same
/// capture; with <see cref="Wait"/> the answer comes once the profile is in.</summary>
public sealed record ProfileRequest(string Service, string Kind, int Seconds, string RequestedBy, string RequestId, bool Wait);
