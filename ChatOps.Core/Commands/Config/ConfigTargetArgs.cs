namespace ChatOps.Core.Commands.Config;

/// <summary>A command on one config target.</summary>
public sealed record ConfigTargetArgs(string Target);
