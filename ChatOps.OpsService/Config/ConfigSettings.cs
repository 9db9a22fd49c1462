using System.Text.RegularExpressions;
using ChatOps.OpsService.Deploy;

namespace ChatOps.OpsService.Config;

/// <summary>Start-up checks of the configuration targets; each problem names its key.</summary>
public static partial class ConfigSettings
{
    private const string Root = "OpsService__Config__";

    public static ConfigFormat? FormatOf(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "" or null or "text" => ConfigFormat.Text,
        "yaml" or "yml" => ConfigFormat.Yaml,
        "json" => ConfigFormat.Json,
        _ => null,
    };

    public static IReadOnlyList<string> Problems(ConfigOptions o)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(o.HistoryFolder)) problems.Add($"{Root}HistoryFolder is missing (where revisions are kept)");
        else if (Path.GetDirectoryName(Path.GetFullPath(o.HistoryFolder)) is { } parent && !Directory.Exists(parent))
            problems.Add($"{Root}HistoryFolder names a folder whose parent does not exist ({parent})");
        if (o.MaxOutputLines is < 1 or > 1000) problems.Add($"{Root}MaxOutputLines must be between 1 and 1000");
        if (o.PlannedKept is < 1 or > 10000) problems.Add($"{Root}PlannedKept must be between 1 and 10000");
        if (o.PlannedFor <= TimeSpan.Zero) problems.Add($"{Root}PlannedFor must be positive, like 1.00:00:00");
        foreach (var (name, t) in o.Targets)
        {
            var key = $"{Root}Targets__{name}__";
            if (!TargetName().IsMatch(name)) problems.Add($"{key}: the target name must be letters, digits, '.', '_' or '-'");
            if (string.Equals(name, ConfigTargets.Sampling, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{key}: {ConfigTargets.Sampling} is built in (OpsService__SamplingFile)");
            if (string.IsNullOrWhiteSpace(t.Path)) problems.Add($"{key}Path is missing (the file that is replaced)");
            else if (Path.GetDirectoryName(Path.GetFullPath(t.Path)) is { } dir && !Directory.Exists(dir))
                problems.Add($"{key}Path names a folder that does not exist ({dir})");
            if (FormatOf(t.Format) is null) problems.Add($"{key}Format must be yaml, json or text");
            if (t.MaxBytes is < 1 or > 16 * 1024 * 1024) problems.Add($"{key}MaxBytes must be between 1 and 16777216");
            if (t.Timeout <= TimeSpan.Zero) problems.Add($"{key}Timeout must be positive, like 00:00:30");
            if (!string.IsNullOrWhiteSpace(t.Validate))
            {
                if (ArgumentTemplate.Split(t.Validate) is not { Count: > 0 } words) problems.Add($"{key}Validate has a quote that is never closed");
                else if (!words.Skip(1).Any(w => w.Contains("{file}", StringComparison.Ordinal)))
                    problems.Add($"{key}Validate must pass the candidate as {{file}}, like `promtool check rules {{file}}`");
            }
            if (!string.IsNullOrWhiteSpace(t.Reload) && !t.Reload.Trim().StartsWith("http", StringComparison.OrdinalIgnoreCase)
                && ArgumentTemplate.Split(t.Reload) is not { Count: > 0 })
                problems.Add($"{key}Reload has a quote that is never closed");
            if (t.Reload?.Trim() is { } r && r.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                && !(Uri.TryCreate(r, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
                problems.Add($"{key}Reload is not an absolute http(s) URL");
            if (!string.IsNullOrWhiteSpace(t.Verify) && (t.VerifyTimeout <= TimeSpan.Zero || t.VerifyDelay < TimeSpan.Zero || t.VerifyDelay > t.VerifyTimeout))
                problems.Add($"{key}VerifyTimeout must be positive and VerifyDelay between 0 and VerifyTimeout");
        }
        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex TargetName();
}
