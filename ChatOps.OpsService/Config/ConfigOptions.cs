namespace ChatOps.OpsService.Config;

/// <summary>Configuration files the bot may push (OpsService__Config__Targets__&lt;name&gt;__Path, …), and where
/// their revisions are kept. Jaeger's sampling file is always a target of its own (<see cref="ConfigTargets.Sampling"/>).</summary>
public sealed class ConfigOptions
{
    public Dictionary<string, ConfigTargetOptions> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One folder per target holding every revision's content and a JSON-lines history; read back at start.</summary>
    public string HistoryFolder { get; set; } = "config-history";

    /// <summary>Lines of a checker's output (validator, reload) kept for the answer, the newest ones.</summary>
    public int MaxOutputLines { get; set; } = 40;
}
