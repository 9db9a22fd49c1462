namespace ChatOps.Core.Ops.Model;

/// <summary>A confirmed deployment: <see cref="Version"/> null asks for a rollback to the last good version.</summary>
public sealed record DeployOrder(string Service, string? Version, string RequestedBy, string ConfirmedBy);
