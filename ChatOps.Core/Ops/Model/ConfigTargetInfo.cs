namespace ChatOps.Core.Ops.Model;

/// <summary>A configuration file the Ops service can push: its format, size limit, current revision and checkers
/// (null = none; <see cref="Reload"/> is "http" for a POST or a command's executable).</summary>
public sealed record ConfigTargetInfo(string Name, string Format, int MaxBytes, string Revision, string? Validator, string? Reload, string? Verify);
