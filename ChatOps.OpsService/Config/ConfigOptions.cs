namespace ChatOps.OpsService.Config;

/// <summary>Configuration files the bot may push (OpsService__Config__Targets__&lt;name&gt;__Path, …), and where
/// their revisions are kept. Jaeger's sampling file is always a target of its own (<see cref="ConfigTargets.Sampling"/>).</summary>
public sealed class ConfigOptions
{
    public Dictionary<string, ConfigTargetOptions> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One folder per target holding every revision's content and a JSON-lines history; read back at start.</summary>
    public string HistoryFolder { get; set; } = "config-history";

    /// <summary>Planned candidates (checked and shown, not confirmed) kept per target: the newest this many, each for at
    /// most <see cref="PlannedFor"/>. A Confirm on a pruned one is told to share the file again.</summary>
    public int PlannedKept { get; set; } = 20;
    public TimeSpan PlannedFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Lines of a checker's output (validator, reload) kept for the answer, the newest ones.</summary>
    public int MaxOutputLines { get; set; } = 40;
}
