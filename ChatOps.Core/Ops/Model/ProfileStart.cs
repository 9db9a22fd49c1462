namespace ChatOps.Core.Ops.Model;

/// <summary>The answer to TakeProfile: the capture (maybe still running), or why none was started.</summary>
public sealed record ProfileStart(ProfileInfo? Profile, string? Refusal);
