namespace ChatOps.OpsService.Profiles;

/// <summary>What a person needs from a profile without pprof: the measured quantity, its total, the functions that
/// account for most of it, and the call tree for a flame graph (small frames merged away).</summary>
public sealed record ProfileSummary(
    string SampleType,
    string Unit,
    long Total,
    long DurationNanos,
    long TimeNanos,
    int SampleCount,
    IReadOnlyList<TopFunction> Top,
    IReadOnlyList<FlameEntry> Flame);

/// <summary>Flat: in the function itself; cumulative: in it and everything it called.</summary>
public sealed record TopFunction(string Name, long Flat, long Cumulative);

/// <summary>A flame graph frame: <see cref="Parent"/> is the index of its caller's entry (-1 for a root), always earlier.</summary>
public sealed record FlameEntry(string Name, long Value, int Parent);
