using ChatOps.OpsService.Deploy;

namespace ChatOps.OpsService.Config;

/// <summary>The configured targets plus the built-in one for Jaeger's sampling file (JSON, re-read by the collector
/// on its own, so no reload). Built from settings that <see cref="ConfigSettings"/> has already accepted.</summary>
public sealed class ConfigTargets
{
    public const string Sampling = "jaeger-sampling";

    private readonly Dictionary<string, ConfigTarget> _targets = new(StringComparer.OrdinalIgnoreCase);

    public ConfigTargets(ConfigOptions options, string samplingFile)
    {
        _targets[Sampling] = new ConfigTarget(Sampling, Path.GetFullPath(samplingFile), ConfigFormat.Json, ConfigTargetOptions.DefaultMaxBytes,
            null, null, null, null, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        foreach (var (name, t) in options.Targets)
        {
            var reload = t.Reload?.Trim();
            var url = Uri.TryCreate(reload, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;
            _targets[name] = new ConfigTarget(name, Path.GetFullPath(t.Path), ConfigSettings.FormatOf(t.Format)!.Value, t.MaxBytes,
                Words(t.Validate), url, url is null ? Words(reload) : null, string.IsNullOrWhiteSpace(t.Verify) ? null : t.Verify.Trim(),
                t.VerifyDelay, t.VerifyTimeout, t.Timeout);
        }
    }

    public IReadOnlyList<ConfigTarget> All => _targets.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public ConfigTarget? Find(string name) => _targets.GetValueOrDefault(name);

    private static IReadOnlyList<string>? Words(string? template) =>
        string.IsNullOrWhiteSpace(template) ? null : ArgumentTemplate.Split(template) is { Count: > 0 } words ? words : null;
}
