namespace ChatOps.Core.Ops.Model;

/// <summary>One service's version (null when its query answered nothing), or why its query could not be asked.</summary>
public sealed record ServiceVersionInfo(string Service, string? Version, string? Failure);
