using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Ops;

/// <summary>
/// Lets at most N Ops calls run at once in this instance (Limits__MaxConcurrentOpsCalls), so a burst of
/// commands queues here instead of piling onto the Ops service and its backends. A caller waits for a
/// slot within its own cancellation; the call's deadline starts when it gets one.
/// </summary>
public sealed class BoundedOpsClient(IOpsClient inner, int maxConcurrentCalls) : IOpsClient
{
    private readonly SemaphoreSlim _slots = new(maxConcurrentCalls, maxConcurrentCalls);

    public Task<IReadOnlyList<TraceSummary>> ListTracesAsync(TraceQuery query, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ListTracesAsync(query, caller, ct), ct);

    public Task<TraceDetails> ShowTraceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ShowTraceAsync(id, caller, ct), ct);

    public Task<TraceLogs> ShowLogsAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ShowLogsAsync(id, caller, ct), ct);

    public Task ChangeSamplingAsync(SamplingChange change, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(async () =>
        {
            await inner.ChangeSamplingAsync(change, caller, ct).ConfigureAwait(false);
            return true;
        }, ct);

    public Task<string> DeployedVersionAsync(OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.DeployedVersionAsync(caller, ct), ct);

    public Task<string> ServiceVersionAsync(string service, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ServiceVersionAsync(service, caller, ct), ct);

    public Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.AlertsAsync(query, caller, ct), ct);

    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step,
        OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.QueryRangeAsync(query, start, end, step, caller, ct), ct);

    public Task<IReadOnlyList<SilenceInfo>> ListSilencesAsync(bool includeExpired, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ListSilencesAsync(includeExpired, caller, ct), ct);

    public Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.CreateSilenceAsync(request, caller, ct), ct);

    public Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(async () =>
        {
            await inner.ExpireSilenceAsync(id, caller, ct).ConfigureAwait(false);
            return 0;
        }, ct);
    public Task<VersionReport> EveryServiceVersionAsync(OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.EveryServiceVersionAsync(caller, ct), ct);

    public Task<DeploymentStart> DeployAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.DeployAsync(order, planOnly, caller, ct), ct);

    public Task<DeploymentStart> RollbackAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.RollbackAsync(order, planOnly, caller, ct), ct);

    public Task<DeploymentInfo> DeploymentStatusAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.DeploymentStatusAsync(id, caller, ct), ct);

    public Task<IReadOnlyList<DeploymentInfo>> ListDeploymentsAsync(string? service, int limit, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ListDeploymentsAsync(service, limit, caller, ct), ct);

    public Task<IReadOnlyList<ProfileTargetInfo>> ListProfileTargetsAsync(OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ListProfileTargetsAsync(caller, ct), ct);

    public Task<ProfileStart> TakeProfileAsync(ProfileRequest request, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.TakeProfileAsync(request, caller, ct), ct);

    public Task<ProfileInfo> CollectProfileAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.CollectProfileAsync(id, caller, ct), ct);

    private async Task<T> Bounded<T>(Func<Task<T>> call, CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public Task<IReadOnlyList<ConfigTargetInfo>> ListConfigTargetsAsync(OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ListConfigTargetsAsync(caller, ct), ct);

    public Task<ConfigFile> GetConfigAsync(string target, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.GetConfigAsync(target, caller, ct), ct);

    public Task<ConfigPlanInfo> PlanConfigAsync(string target, byte[] content, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.PlanConfigAsync(target, content, caller, ct), ct);

    public Task<ConfigChangeResult> PushConfigAsync(ConfigPushOrder order, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.PushConfigAsync(order, caller, ct), ct);

    public Task<ConfigHistoryInfo> ConfigHistoryAsync(string target, int limit, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.ConfigHistoryAsync(target, limit, caller, ct), ct);

    public Task<ConfigChangeResult> RollbackConfigAsync(ConfigRollbackOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
        Bounded(() => inner.RollbackConfigAsync(order, planOnly, caller, ct), ct);
}
