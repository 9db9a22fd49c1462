using ChatOps.Core.Environments;
using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Ops;

/// <summary>
/// The Ops seam every command and worker step uses: each call goes to the Ops service of the environment its caller
/// names (<see cref="OpsCaller.Environment"/>, set from the command's context), so a command written without
/// environments in mind asks the right service.
/// </summary>
public sealed class EnvironmentRoutedOpsClient(IEnvironmentOpsClients clients, EnvironmentCatalog catalog) : IOpsClient
{
    private IOpsClient For(OpsCaller caller)
    {
        var name = caller.Environment ?? catalog.Default.Name;
        // Every name reaching here was checked against the catalog when the command was read; one that is not
        // known is a defect, and must not quietly run against another environment's service.
        if (catalog.Find(name) is null) throw new InvalidOperationException($"no environment named '{name}' is configured");
        return clients.For(name);
    }

    public Task<IReadOnlyList<TraceSummary>> ListTracesAsync(TraceQuery query, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ListTracesAsync(query, caller, ct);

    public Task<TraceDetails> ShowTraceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ShowTraceAsync(id, caller, ct);

    public Task<TraceLogs> ShowLogsAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ShowLogsAsync(id, caller, ct);

    public Task ChangeSamplingAsync(SamplingChange change, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ChangeSamplingAsync(change, caller, ct);

    public Task<string> DeployedVersionAsync(OpsCaller caller, CancellationToken ct = default) =>
        For(caller).DeployedVersionAsync(caller, ct);

    public Task<string> ServiceVersionAsync(string service, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ServiceVersionAsync(service, caller, ct);

    public Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).AlertsAsync(query, caller, ct);

    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).QueryRangeAsync(query, start, end, step, caller, ct);

    public Task<IReadOnlyList<SilenceInfo>> ListSilencesAsync(bool includeExpired, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ListSilencesAsync(includeExpired, caller, ct);

    public Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).CreateSilenceAsync(request, caller, ct);

    public Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ExpireSilenceAsync(id, caller, ct);

    public Task<DeploymentStart> DeployAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).DeployAsync(order, planOnly, caller, ct);

    public Task<DeploymentStart> RollbackAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).RollbackAsync(order, planOnly, caller, ct);

    public Task<DeploymentInfo> DeploymentStatusAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).DeploymentStatusAsync(id, caller, ct);

    public Task<VersionReport> EveryServiceVersionAsync(OpsCaller caller, CancellationToken ct = default) =>
        For(caller).EveryServiceVersionAsync(caller, ct);

    public Task<IReadOnlyList<DeploymentInfo>> ListDeploymentsAsync(string? service, int limit, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ListDeploymentsAsync(service, limit, caller, ct);

    public Task<IReadOnlyList<ProfileTargetInfo>> ListProfileTargetsAsync(OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ListProfileTargetsAsync(caller, ct);

    public Task<ProfileStart> TakeProfileAsync(ProfileRequest request, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).TakeProfileAsync(request, caller, ct);

    public Task<ProfileInfo> CollectProfileAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).CollectProfileAsync(id, caller, ct);

    public Task<IReadOnlyList<ConfigTargetInfo>> ListConfigTargetsAsync(OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ListConfigTargetsAsync(caller, ct);

    public Task<ConfigFile> GetConfigAsync(string target, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).GetConfigAsync(target, caller, ct);

    public Task<ConfigPlanInfo> PlanConfigAsync(string target, byte[] content, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).PlanConfigAsync(target, content, caller, ct);

    public Task<ConfigChangeResult> PushConfigAsync(ConfigPushOrder order, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).PushConfigAsync(order, caller, ct);

    public Task<ConfigHistoryInfo> ConfigHistoryAsync(string target, int limit, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).ConfigHistoryAsync(target, limit, caller, ct);

    public Task<ConfigChangeResult> RollbackConfigAsync(ConfigRollbackOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
        For(caller).RollbackConfigAsync(order, planOnly, caller, ct);
}
