namespace ChatOps.OpsService.Config;

/// <summary>A target as the pushes use it: its settings checked and its argument vectors split once.</summary>
public sealed record ConfigTarget(
    string Name,
    string Path,
    ConfigFormat Format,
    int MaxBytes,
    IReadOnlyList<string>? Validate,
    Uri? ReloadUrl,
    IReadOnlyList<string>? ReloadCommand,
    string? Verify,
    TimeSpan VerifyDelay,
    TimeSpan VerifyTimeout,
    TimeSpan Timeout);
