using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;

namespace ChatOps.Tests.Support;

/// <summary>A hand-written Ops seam: canned answers, recorded calls, and a failure to throw when set.</summary>
public sealed partial class FakeOpsClient : IOpsClient
{
    public List<(string Method, object? Request, OpsCaller Caller)> Calls { get; } = [];
    public Exception? Failure { get; set; }
    public IReadOnlyList<TraceSummary> Traces { get; set; } = [];
    public TraceDetails? Trace { get; set; }
    public TraceLogs? Logs { get; set; }
    public string Version { get; set; } = "v1.2.3";
    public IReadOnlyList<AlertInfo> Alerts { get; set; } = [];

    /// <summary>How long `deployed version` takes, so concurrent deliveries overlap.</summary>
    public TimeSpan Delay { get; set; }

    private T Answer<T>(string method, object? request, OpsCaller caller, T value)
    {
        lock (Calls) Calls.Add((method, request, caller));
        if (Failure is { } failure) throw failure;
        return value;
    }

    public Task<IReadOnlyList<TraceSummary>> ListTracesAsync(TraceQuery query, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ListTraces", query, caller, Traces));

    public Task<TraceDetails> ShowTraceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ShowTrace", id, caller, Trace ?? new TraceDetails(id, [], [], [], TimeSpan.Zero)));

    public Task<TraceLogs> ShowLogsAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ShowLogs", id, caller, Logs ?? new TraceLogs(id, [])));

    public Task ChangeSamplingAsync(SamplingChange change, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ChangeSampling", change, caller, 0));

    public async Task<string> DeployedVersionAsync(OpsCaller caller, CancellationToken ct = default)
    {
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
        return Answer("DeployedVersion", null, caller, Version);
    }

    /// <summary>Each service's own version, as its version query would report it; a service not named here answers
    /// with the default query's <see cref="Version"/>, as the Ops service does for a service without a query.</summary>
    public Dictionary<string, string> ServiceVersions { get; } = [];

    public Task<string> ServiceVersionAsync(string service, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ServiceVersion", service, caller, ServiceVersions.GetValueOrDefault(service, Version)));

    /// <summary>`deployed version` without a service: recorded as DeployedVersion (the one RPC it is), taking <see cref="Delay"/>.</summary>
    public async Task<VersionReport> EveryServiceVersionAsync(OpsCaller caller, CancellationToken ct = default)
    {
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
        return Answer("DeployedVersion", null, caller, new VersionReport(Version,
            ServiceVersions.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ServiceVersionInfo(p.Key, p.Value, null)).ToList()));
    }

    public IReadOnlyList<MetricSeries> Series { get; set; } = [];

    public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step,
        OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("QueryRange", query, caller, Series));

    public Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("Alerts", query, caller, Alerts));

    public List<SilenceInfo> Silences { get; } = [];

    public FakeOpsClient WithSilence(SilenceInfo silence)
    {
        Silences.Add(silence);
        return this;
    }

    public Task<IReadOnlyList<SilenceInfo>> ListSilencesAsync(bool includeExpired, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer<IReadOnlyList<SilenceInfo>>("ListSilences", includeExpired, caller, Silences.ToList()));

    /// <summary>How long CreateSilence takes (Alertmanager being slow), so a test can land something in between.</summary>
    public TimeSpan CreateSilenceDelay { get; set; }

    /// <summary>Thrown once after a silence was made: Alertmanager made it, but its answer was lost on the way back.</summary>
    public Exception? AfterCreateSilence { get; set; }

    public async Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default)
    {
        if (CreateSilenceDelay > TimeSpan.Zero) await Task.Delay(CreateSilenceDelay, ct);
        var id = Answer("CreateSilence", request, caller, $"sil-{Silences.Count + 1}");
        Silences.Add(new SilenceInfo(id, request.Matchers, request.StartsAt, request.EndsAt, request.CreatedBy, request.Comment, "active"));
        if (AfterCreateSilence is { } lost)
        {
            AfterCreateSilence = null;
            throw lost;
        }
        return id;
    }

    public Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ExpireSilence", id, caller, 0));
    /// <summary>Deployments, newest last; Deploy appends a running one unless <see cref="DeployRefusal"/> is set.</summary>
    public List<DeploymentInfo> Deployments { get; } = [];
    public string? DeployRefusal { get; set; }
    public string? RollbackVersion { get; set; }

    /// <summary>When a deployment started here says it started; null = now.</summary>
    public DateTimeOffset? StartTime { get; set; }

    private DeploymentStart Started(DeployOrder order, string version, bool rollback)
    {
        if (DeployRefusal is { } refusal) return new DeploymentStart(null, refusal, null);
        var started = new DeploymentInfo($"dep-{Deployments.Count + 1}", order.Service, version, Version, rollback, order.RequestedBy,
            order.ConfirmedBy, StartTime ?? DateTimeOffset.UtcNow, null, DeploymentState.Running, null, []);
        lock (Deployments) Deployments.Add(started);
        return new DeploymentStart(started, null, version);
    }

    public Task<DeploymentStart> DeployAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default)
    {
        Answer(planOnly ? "DeployPlan" : "Deploy", order, caller, 0);
        if (planOnly) return Task.FromResult(new DeploymentStart(null, DeployRefusal, DeployRefusal is null ? order.Version : null));
        return Task.FromResult(Started(order, order.Version!, false));
    }

    public Task<DeploymentStart> RollbackAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default)
    {
        Answer(planOnly ? "RollbackPlan" : "Rollback", order, caller, 0);
        if (RollbackVersion is not { } target) return Task.FromResult(new DeploymentStart(null, $"no version of {order.Service} deployed successfully before {Version}", null));
        return Task.FromResult(planOnly ? new DeploymentStart(null, null, target) : Started(order, target, true));
    }

    public Task<DeploymentInfo> DeploymentStatusAsync(string id, OpsCaller caller, CancellationToken ct = default)
    {
        Answer("DeploymentStatus", id, caller, 0);
        lock (Deployments) return Task.FromResult(Deployments.Last(d => d.Id == id));
    }

    public Task<IReadOnlyList<DeploymentInfo>> ListDeploymentsAsync(string? service, int limit, OpsCaller caller, CancellationToken ct = default)
    {
        Answer("ListDeployments", service, caller, 0);
        lock (Deployments)
            return Task.FromResult<IReadOnlyList<DeploymentInfo>>(Deployments.Where(d => service is null || d.Service == service).Reverse().Take(limit).ToList());
    }

    /// <summary>Changes a deployment the way the Ops service would while it runs.</summary>
    public void Update(string id, Func<DeploymentInfo, DeploymentInfo> change)
    {
        lock (Deployments) Deployments[Deployments.FindIndex(d => d.Id == id)] = change(Deployments.First(d => d.Id == id));
    }

    public IReadOnlyList<ProfileTargetInfo> ProfileTargets { get; set; } = [];

    /// <summary>What TakeProfile answers; CollectProfile answers <see cref="Collected"/> (or this) for any id.</summary>
    public ProfileStart ProfileAnswer { get; set; } = new(null, "no service is set up for profiles here");
    public ProfileInfo? Collected { get; set; }

    public Task<IReadOnlyList<ProfileTargetInfo>> ListProfileTargetsAsync(OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ListProfileTargets", null, caller, ProfileTargets));

    public Task<ProfileStart> TakeProfileAsync(ProfileRequest request, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("TakeProfile", request, caller, ProfileAnswer));

    public Task<ProfileInfo> CollectProfileAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("CollectProfile", id, caller, Collected ?? ProfileAnswer.Profile ?? throw new InvalidOperationException("no profile set")));
}
