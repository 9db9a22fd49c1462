namespace ChatOps.Core.Ops.Model;

/// <summary>`show trace`: the operations, the values of its error tags, its tag keys and the longest span.</summary>
public sealed record TraceDetails(
    string Id,
    IReadOnlyList<string> Operations,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> TagKeys,
    TimeSpan LongestSpan);
