namespace ChatOps.Core.Ops.Model;

/// <summary>The versions reported now: the default query's (<see cref="Default"/>, null when it answered nothing) and each
/// deployable service's, from its own query.</summary>
public sealed record VersionReport(string? Default, IReadOnlyList<ServiceVersionInfo> Services);
