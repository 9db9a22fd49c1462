using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Graphs;

/// <summary>A flame graph to draw: the profile's frames (parents first), what the whole width stands for, and a title
/// and subtitle written by the code (names in frames come from the profile and are drawn as text, never markup).</summary>
public sealed record FlameGraphSpec(IReadOnlyList<ProfileFrame> Frames, long Total, string Title, string Subtitle, int Width);
