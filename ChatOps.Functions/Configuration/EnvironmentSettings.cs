using System.Text.RegularExpressions;
using ChatOps.Core.Environments;
using ChatOps.Core.Options;
using Microsoft.Extensions.Configuration;

namespace ChatOps.Functions.Configuration;

/// <summary>
/// Reads the environments: Environments__&lt;name&gt;__Ops__Endpoint|Token|TraceUiUrl|Timeout, __Channels, __Label and
/// Environments__Default; or, when there is no Environments section, the legacy Ops__* settings as one environment
/// named <see cref="EnvironmentCatalog.LegacyName"/>. Every problem is named at start, by key.
/// </summary>
public static partial class EnvironmentSettings
{
    public const string Section = "Environments";
    private const string DefaultKey = "Default";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex ValidName();

    /// <summary>Every problem of the environment settings; <paramref name="legacy"/> is the bound Ops section.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, OpsOptions legacy)
    {
        var sections = Environments(configuration);
        if (sections.Count == 0)
            return configuration.GetSection(Section).GetChildren().Any()
                ? ["Environments__Default is set but no environment is: add Environments__<name>__Ops__Endpoint"]
                : SettingsCheck.Ops(legacy);

        var problems = new List<string>();
        var legacyKeys = configuration.GetSection(OpsOptions.Section).AsEnumerable(makePathsRelative: true)
            .Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).Select(kv => "Ops__" + kv.Key.Replace(":", "__")).Order(StringComparer.Ordinal).ToList();
        if (legacyKeys.Count > 0)
            problems.Add($"{string.Join(", ", legacyKeys)} and Environments__* are both set: describe every Ops service under " +
                         "Environments__<name>__Ops__* and remove the Ops__* settings (or use Ops__* alone for a single environment)");

        var seenChannels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            var prefix = $"{Section}__{section.Key}__";
            if (!ValidName().IsMatch(section.Key))
                problems.Add($"{prefix}*: an environment name is 1 to 32 lower-case letters, digits, '-' or '_' (it is typed as env={section.Key})");
            if (section.Key == EnvironmentCatalog.LegacyName)
                problems.Add($"{prefix}*: '{EnvironmentCatalog.LegacyName}' is the name of the legacy Ops__* environment; choose another name");
            var (options, bindProblem) = Bind(section);
            if (bindProblem is not null)
            {
                problems.Add($"{prefix}*: {bindProblem}");
                continue;
            }
            problems.AddRange(SettingsCheck.Ops(options.Ops).Select(p => p.Replace("Ops__", prefix + "Ops__", StringComparison.Ordinal)));
            foreach (var channel in Split(options.Channels))
                if (!seenChannels.TryAdd(channel, section.Key))
                    problems.Add($"{prefix}Channels: channel {channel} is already the default channel of environment '{seenChannels[channel]}'");
        }

        var names = sections.Select(s => s.Key).ToList();
        var chosen = configuration.GetSection(Section)[DefaultKey];
        if (string.IsNullOrWhiteSpace(chosen))
        {
            if (names.Count > 1)
                problems.Add($"Environments__Default is missing: name the environment of DMs and unmapped channels ({string.Join(", ", names)})");
        }
        else if (!names.Contains(chosen.Trim(), StringComparer.OrdinalIgnoreCase))
            problems.Add($"Environments__Default is '{chosen}', which is not a configured environment ({string.Join(", ", names)})");
        return problems;
    }

    /// <summary>The catalog, once <see cref="Problems"/> found none.</summary>
    public static EnvironmentCatalog Catalog(IConfiguration configuration, OpsOptions legacy)
    {
        var sections = Environments(configuration);
        if (sections.Count == 0) return EnvironmentCatalog.Legacy(legacy);
        var environments = sections.Select(s =>
        {
            var options = Bind(s).Options;
            var label = string.IsNullOrWhiteSpace(options.Label) ? s.Key : options.Label.Trim();
            return new BotEnvironment(s.Key.ToLowerInvariant(), label, options.Ops, Split(options.Channels));
        }).ToList();
        var chosen = configuration.GetSection(Section)[DefaultKey];
        return new EnvironmentCatalog(environments, string.IsNullOrWhiteSpace(chosen) ? environments[0].Name : chosen.Trim());
    }

    private static List<IConfigurationSection> Environments(IConfiguration configuration) => configuration.GetSection(Section).GetChildren()
        .Where(s => !string.Equals(s.Key, DefaultKey, StringComparison.OrdinalIgnoreCase) && s.GetChildren().Any())
        .ToList();

    private static (EnvironmentSection Options, string? Problem) Bind(IConfigurationSection section)
    {
        try
        {
            return (section.Get<EnvironmentSection>() ?? new EnvironmentSection(), null);
        }
        catch (InvalidOperationException ex)
        {
            // The binder could not convert a value (Timeout=abc); its message names the key and the type.
            return (new EnvironmentSection(), ex.Message);
        }
    }

    private static List<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
