namespace ChatOps.Core.Ops.Model;

/// <summary>A service whose profiles can be taken, with its limits.</summary>
public sealed record ProfileTargetInfo(string Service, int MaxSeconds, long MaxBytes);
