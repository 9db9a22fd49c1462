namespace ChatOps.Core.Ops.Model;

/// <summary>What `list traces` asks for. Null means "not given": the Ops service's default applies.</summary>
public sealed record TraceQuery(
    string? Service = null,
    string? Operation = null,
    DateTimeOffset? Start = null,
    DateTimeOffset? End = null,
    int Limit = TraceQuery.DefaultLimit,
    IReadOnlyList<KeyValuePair<string, string>>? Tags = null,
    TimeSpan? MinDuration = null,
    TimeSpan? MaxDuration = null)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}
