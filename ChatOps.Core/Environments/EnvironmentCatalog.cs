using ChatOps.Core.Commands;
using ChatOps.Core.Options;

namespace ChatOps.Core.Environments;

/// <summary>
/// The environments configured (Environments__*), or the single one the legacy Ops__* settings describe, named
/// <see cref="LegacyName"/>. Which one a command runs against is decided here only.
/// </summary>
public sealed class EnvironmentCatalog
{
    public const string LegacyName = "default";

    private readonly Dictionary<string, BotEnvironment> _byName;
    private readonly Dictionary<string, BotEnvironment> _byChannel;

    public EnvironmentCatalog(IReadOnlyList<BotEnvironment> environments, string defaultName, bool legacy = false)
    {
        if (environments.Count == 0) throw new ArgumentException("at least one environment is needed", nameof(environments));
        All = environments;
        _byName = environments.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        Default = _byName.TryGetValue(defaultName, out var d) ? d : throw new ArgumentException($"no environment named '{defaultName}'", nameof(defaultName));
        _byChannel = environments.SelectMany(e => e.Channels.Select(c => (c, e))).GroupBy(x => x.c, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().e, StringComparer.Ordinal);
        IsLegacy = legacy;
    }

    /// <summary>The one environment of the Ops__* settings: replies are not marked, nothing else changes.</summary>
    public static EnvironmentCatalog Legacy(OpsOptions ops) => new([new BotEnvironment(LegacyName, LegacyName, ops, [])], LegacyName, legacy: true);

    public IReadOnlyList<BotEnvironment> All { get; }

    public BotEnvironment Default { get; }

    /// <summary>True when only the Ops__* settings are given.</summary>
    public bool IsLegacy { get; }

    /// <summary>Replies name their environment whenever environments were configured as such: a person with the single
    /// legacy endpoint has only one place anything can run, and a marker on every reply would be noise to them.</summary>
    public bool MarksReplies => !IsLegacy;

    public BotEnvironment? Find(string? name) => name is not null && _byName.TryGetValue(name, out var e) ? e : null;

    /// <summary>The environment a command in this channel runs against when it names none (a DM: the default).</summary>
    public BotEnvironment ForChannel(string? channelId) =>
        channelId is not null && _byChannel.TryGetValue(channelId, out var e) ? e : Default;

    /// <summary>The known name closest to a mistyped one, when it is close enough to be a typo.</summary>
    public string? Suggest(string typed) => All
        .Select(e => (e.Name, Distance: EditDistance.Between(typed, e.Name)))
        .Where(x => x.Distance <= Math.Max(2, x.Name.Length / 3))
        .OrderBy(x => x.Distance)
        .Select(x => x.Name)
        .FirstOrDefault();
}
