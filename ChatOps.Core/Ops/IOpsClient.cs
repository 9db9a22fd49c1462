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

    /// <summary>The version one deployable service reports, from its own version query (the default query when it
    /// has none); an unknown service is the caller's mistake.</summary>
    Task<string> ServiceVersionAsync(string service, OpsCaller caller, CancellationToken ct = default);

    /// <summary>Every deployable service's version, each from its own query, and the default query's.</summary>
    Task<VersionReport> EveryServiceVersionAsync(OpsCaller caller, CancellationToken ct = default);

    Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default);

    /// <summary>A PromQL range query (contract extension), for graphs. A zero step lets the service choose.</summary>
    Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step,
        OpsCaller caller, CancellationToken ct = default);

    /// <summary>Alertmanager's silences (contract extension); expired ones only when asked.</summary>
    Task<IReadOnlyList<SilenceInfo>> ListSilencesAsync(bool includeExpired, OpsCaller caller, CancellationToken ct = default);

    /// <summary>Creates a silence; returns its id.</summary>
    Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default);

    Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default);
    /// <summary>Starts a deployment (contract extension); a refusal comes back as a value, with nothing run. With
    /// <paramref name="planOnly"/>, only checks that it could start now.</summary>
    Task<DeploymentStart> DeployAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default);

    /// <summary>Rolls back to the last version that deployed successfully before the current one; with
    /// <paramref name="planOnly"/>, only names it.</summary>
    Task<DeploymentStart> RollbackAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default);

    Task<DeploymentInfo> DeploymentStatusAsync(string id, OpsCaller caller, CancellationToken ct = default);

    /// <summary>Newest first; a null service lists every service.</summary>
    Task<IReadOnlyList<DeploymentInfo>> ListDeploymentsAsync(string? service, int limit, OpsCaller caller, CancellationToken ct = default);

    /// <summary>The services whose pprof profiles the Ops service can take (contract extension).</summary>
    Task<IReadOnlyList<ProfileTargetInfo>> ListProfileTargetsAsync(OpsCaller caller, CancellationToken ct = default);

    /// <summary>Starts a profile (a refusal comes back as a value); with <see cref="ProfileRequest.Wait"/>, answers once it is in.</summary>
    Task<ProfileStart> TakeProfileAsync(ProfileRequest request, OpsCaller caller, CancellationToken ct = default);

    /// <summary>A profile started earlier, done or not.</summary>
    Task<ProfileInfo> CollectProfileAsync(string id, OpsCaller caller, CancellationToken ct = default);
    /// <summary>Configuration files the Ops service can push (contract extension).</summary>
    Task<IReadOnlyList<ConfigTargetInfo>> ListConfigTargetsAsync(OpsCaller caller, CancellationToken ct = default);

    Task<ConfigFile> GetConfigAsync(string target, OpsCaller caller, CancellationToken ct = default);

    /// <summary>Checks a candidate and diffs it against the current file; writes nothing.</summary>
    Task<ConfigPlanInfo> PlanConfigAsync(string target, byte[] content, OpsCaller caller, CancellationToken ct = default);

    Task<ConfigChangeResult> PushConfigAsync(ConfigPushOrder order, OpsCaller caller, CancellationToken ct = default);

    Task<ConfigHistoryInfo> ConfigHistoryAsync(string target, int limit, OpsCaller caller, CancellationToken ct = default);

    /// <summary>With <paramref name="planOnly"/>, only names the revision it would go back to and shows the diff.</summary>
    Task<ConfigChangeResult> RollbackConfigAsync(ConfigRollbackOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default);
}
