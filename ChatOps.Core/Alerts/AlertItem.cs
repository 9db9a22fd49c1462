namespace ChatOps.Core.Alerts;

/// <summary>One alert of a group, as Alertmanager sent it.</summary>
public sealed record AlertItem
{
    public required string Status { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>Null while firing (Alertmanager sends the zero time, or a time in the future).</summary>
    public DateTimeOffset? EndsAt { get; init; }

    public string? GeneratorUrl { get; init; }
    public string Fingerprint { get; init; } = "";

    public bool Firing => Status == "firing";

    public string? Label(string name) => Labels.TryGetValue(name, out var v) ? v : null;

    public string? Annotation(string name) => Annotations.TryGetValue(name, out var v) ? v : null;
}
