namespace ChatOps.Core.Graphs;

/// <summary>A page to capture. <paramref name="BearerToken"/> goes to the page's own origin only;
/// <paramref name="Grafana"/> also waits for Grafana's own signal that its panels are drawn (SettleScript).</summary>
public sealed record PageRequest(Uri Url, string? WaitFor, string? BearerToken, int Width, int Height, bool Grafana, TimeSpan Timeout);
