using ChatOps.OpsService.Backends;

namespace ChatOps.OpsService.Deploy;

/// <summary>A service's version query in Prometheus: its own (OpsService__Deploy__Services__&lt;name&gt;__VersionQuery),
/// else the default one (OpsService__VersionQuery), as `deployed version &lt;service&gt;` answers.</summary>
public sealed class PrometheusVersionProbe(PrometheusClient prometheus, DeployOptions options, string? defaultQuery) : IVersionProbe
{
    public string Source => "Prometheus";

    public async Task<IReadOnlyList<string>?> VersionsAsync(string service, CancellationToken ct)
    {
        var query = options.Services.TryGetValue(service, out var s) && !string.IsNullOrWhiteSpace(s.VersionQuery) ? s.VersionQuery : defaultQuery;
        if (string.IsNullOrWhiteSpace(query)) return null;
        var samples = await prometheus.QueryAsync(query, ct).ConfigureAwait(false);
        return samples.Select(x => x.Labels.GetValueOrDefault("version") ?? x.Value).ToList();
    }
}
