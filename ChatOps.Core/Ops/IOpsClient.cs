using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Ops;

/// <summary>
/// The Ops seam. Returns the project's own records; failures are <see cref="OpsException"/>s that
/// say whether the queue should retry and what to tell the person who asked.
/// </summary>
public interface IOpsClient
{
    Task<IReadOnlyList<TraceSummary>> ListTracesAsync(TraceQuery query, OpsCaller caller, CancellationToken ct = default);

    Task<TraceDetails> ShowTraceAsync(string id, OpsCaller caller, CancellationToken ct = default);

    Task<TraceLogs> ShowLogsAsync(string id, OpsCaller caller, CancellationToken ct = default);

    Task ChangeSamplingAsync(SamplingChange change, OpsCaller caller, CancellationToken ct = default);

    Task<string> DeployedVersionAsync(OpsCaller caller, CancellationToken ct = default);

    Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default);

    /// <summary>A PromQL range query (contract extension), for graphs. A zero step lets the service choose.</summary>
    Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step,
        OpsCaller caller, CancellationToken ct = default);

    /// <summary>Alertmanager's silences (contract extension); expired ones only when asked.</summary>
    Task<IReadOnlyList<SilenceInfo>> ListSilencesAsync(bool includeExpired, OpsCaller caller, CancellationToken ct = default);

    /// <summary>Creates a silence; returns its id.</summary>
    Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default);

    Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default);
}
