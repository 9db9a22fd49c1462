namespace ChatOps.Core.Ops.Model;

/// <summary>One alert. Labels and annotations are empty when the Ops service predates that extension.</summary>
public sealed record AlertInfo(
    string State,
    string Value,
    DateTimeOffset? ActiveAt,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public string Name => Labels.GetValueOrDefault("alertname") ?? "(unnamed alert)";
    public string? Severity => Labels.GetValueOrDefault("severity");
    public string? Summary => Annotations.GetValueOrDefault("summary") ?? Annotations.GetValueOrDefault("description");
}
