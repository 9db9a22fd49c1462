namespace ChatOps.Core.Ops.Model;

/// <summary>
/// A profile as the Ops service reports it: still being taken (<see cref="Done"/> false), failed (<see cref="Failure"/>,
/// words from the Ops service: escape them), or in, with its summary and the raw gzipped profile (<see cref="Raw"/>,
/// empty when it was too large to pass on; <see cref="RawBytes"/> still says its size).
/// </summary>
public sealed record ProfileInfo(
    string Id,
    string Service,
    string Kind,
    int Seconds,
    string RequestedBy,
    DateTimeOffset TakenAt,
    DateTimeOffset ReadyAt,
    bool Done,
    string? Failure)
{
    public byte[] Raw { get; init; } = [];
    public long RawBytes { get; init; }
    public string SampleType { get; init; } = "";
    public string Unit { get; init; } = "";
    public long Total { get; init; }
    public TimeSpan Duration { get; init; }
    public int SampleCount { get; init; }

    /// <summary>By flat value, highest first.</summary>
    public IReadOnlyList<ProfileFunctionCost> Top { get; init; } = [];

    /// <summary>Parents before children; see <see cref="ProfileFrame.Parent"/>.</summary>
    public IReadOnlyList<ProfileFrame> Flame { get; init; } = [];
}

/// <summary>Flat: in the function itself; cumulative: with everything it called.</summary>
public sealed record ProfileFunctionCost(string Name, long Flat, long Cumulative);

/// <summary>A flame graph frame; <see cref="Parent"/> is the index of its caller's frame (always earlier), -1 for a root.</summary>
public sealed record ProfileFrame(string Name, long Value, int Parent);
