namespace ChatOps.Core.Graphs;

/// <summary>A captured page: the PNG, whether it is (nearly) one colour, and how long the page was waited for.</summary>
public sealed record PageCapture(byte[] Png, bool Blank, TimeSpan Waited);
