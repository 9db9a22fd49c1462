namespace ChatOps.Core.Graphs;

/// <summary>A captured page: the PNG, whether it is (nearly) one colour, how long the page was waited for, and
/// whether the page turned out to be Grafana (window.grafanaBootData), which decides if a window it was given applied.</summary>
public sealed record PageCapture(byte[] Png, bool Blank, TimeSpan Waited, bool GrafanaPage = false);
