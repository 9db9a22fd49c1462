using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Wire.Ops;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ChatOps.Core.Ops;

/// <summary>
/// The one place that knows the Ops wire contract: builds protobuf requests from the project's
/// records, calls the generated client with a deadline per call (Ops__Timeout, retries included),
/// and maps the answers and RpcExceptions back. Nothing past it sees generated types. The host
/// hands in the channel's CallInvoker (transport, TLS, retry policy); Core adds the metadata.
/// </summary>
public sealed partial class OpsGrpcClient(CallInvoker invoker, OpsOptions options) : IOpsClient
{
    private readonly Wire.Ops.Ops.OpsClient _client = new(invoker.Intercept(new OpsMetadataInterceptor(options.Token)));
    private readonly string _endpointForHumans = DisplayEndpoint(options.Endpoint);

    public async Task<IReadOnlyList<TraceSummary>> ListTracesAsync(TraceQuery query, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new ListTracesReq
        {
            Service = query.Service ?? "",
            Operation = query.Operation ?? "",
            Start = UnixNanos.From(query.Start),
            End = UnixNanos.From(query.End),
            DurationMin = UnixNanos.From(query.MinDuration),
            DurationMax = UnixNanos.From(query.MaxDuration),
            SearchDepth = query.Limit,
        };
        request.Tags.AddRange((query.Tags ?? []).Select(t => $"{t.Key}:{t.Value}"));
        var response = await CallAsync("ListTraces", o => _client.ListTracesAsync(request, o), caller, ct).ConfigureAwait(false);
        return response.Traces.Select(t => new TraceSummary(t.Id, UnixNanos.ToTime(t.Start))).ToList();
    }

    public async Task<TraceDetails> ShowTraceAsync(string id, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("ShowTrace", o => _client.ShowTraceAsync(new ShowTraceReq { Id = id }, o), caller, ct).ConfigureAwait(false);
        return Mapped("ShowTrace", () => new TraceDetails(r.Id.Length > 0 ? r.Id : id, r.Operations.ToList(), r.Errors.ToList(), r.Tags.ToList(),
            r.Duration?.ToTimeSpan() ?? TimeSpan.Zero));
    }

    public async Task<TraceLogs> ShowLogsAsync(string id, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("ShowLogs", o => _client.ShowLogsAsync(new ShowLogsReq { Id = id }, o), caller, ct).ConfigureAwait(false);
        var events = Mapped("ShowLogs", () => r.Logs
            .Select(log => new LogEvent(
                log.Timestamp is null ? DateTimeOffset.UnixEpoch : log.Timestamp.ToDateTimeOffset(),
                log.Fields.Select(JaegerFields.ToLogField).ToList()))
            .OrderBy(e => e.Time)
            .ToList());
        return new TraceLogs(r.Id.Length > 0 ? r.Id : id, events);
    }

    public Task ChangeSamplingAsync(SamplingChange change, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new ChangeSamplingReq
        {
            Type = change.Kind switch
            {
                SamplerKind.Never => SamplerType.Stnever,
                SamplerKind.Always => SamplerType.Stalways,
                _ => SamplerType.Stfloat,
            },
            FloatValue = change.Kind == SamplerKind.Probabilistic ? change.Rate : 0,
        };
        return CallAsync("ChangeSampling", o => _client.ChangeSamplingAsync(request, o), caller, ct);
    }

    public async Task<string> DeployedVersionAsync(OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("DeployedVersion", o => _client.DeployedVersionAsync(new DeployedVersionReq(), o), caller, ct).ConfigureAwait(false);
        return r.Version;
    }

    public async Task<string> ServiceVersionAsync(string service, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new DeployedVersionReq { Service = service };
        var r = await CallAsync("DeployedVersion", o => _client.DeployedVersionAsync(request, o), caller, ct).ConfigureAwait(false);
        return r.Version;
    }

    public async Task<VersionReport> EveryServiceVersionAsync(OpsCaller caller, CancellationToken ct = default)
    {
        var request = new DeployedVersionReq { EveryService = true };
        var r = await CallAsync("DeployedVersion", o => _client.DeployedVersionAsync(request, o), caller, ct).ConfigureAwait(false);
        return new VersionReport(r.Version.Length > 0 ? r.Version : null,
            r.Services.Select(s => new ServiceVersionInfo(s.Service, s.Version.Length > 0 ? s.Version : null, s.Failure.Length > 0 ? s.Failure : null)).ToList());
    }

    public async Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new AlertsReq { ActiveAt = UnixNanos.From(query.ActiveSince) };
        request.Labels.AddRange(query.Labels);
        request.States.AddRange(query.States);
        var r = await CallAsync("Alerts", o => _client.AlertsAsync(request, o), caller, ct).ConfigureAwait(false);
        return r.Alerts.Select(a => new AlertInfo(a.State, a.Value, a.ActiveAt == 0 ? null : UnixNanos.ToTime(a.ActiveAt),
            new Dictionary<string, string>(a.Labels), new Dictionary<string, string>(a.Annotations))).ToList();
    }

    public async Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step,
        OpsCaller caller, CancellationToken ct = default)
    {
        var request = new QueryRangeReq { Query = query, Start = UnixNanos.From(start), End = UnixNanos.From(end), Step = UnixNanos.From(step) };
        var r = await CallAsync("QueryRange", o => _client.QueryRangeAsync(request, o), caller, ct).ConfigureAwait(false);
        return r.Series.Select(s => new MetricSeries(new Dictionary<string, string>(s.Labels),
            s.Points.Select(p => new MetricPoint(UnixNanos.ToTime(p.Timestamp), p.Value)).ToList())).ToList();
    }

    public async Task<IReadOnlyList<SilenceInfo>> ListSilencesAsync(bool includeExpired, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("ListSilences", o => _client.ListSilencesAsync(new ListSilencesReq { IncludeExpired = includeExpired }, o), caller, ct)
            .ConfigureAwait(false);
        return r.Silences.Select(s => new SilenceInfo(s.Id, s.Matchers.Select(m => new Alerts.LabelMatcher(m.Name, m.Value, m.IsRegex, m.IsEqual)).ToList(),
            UnixNanos.ToTime(s.StartsAt), UnixNanos.ToTime(s.EndsAt), s.CreatedBy, s.Comment, s.State)).ToList();
    }

    public async Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default)
    {
        var wire = new CreateSilenceReq
        {
            StartsAt = UnixNanos.From(request.StartsAt), EndsAt = UnixNanos.From(request.EndsAt), CreatedBy = request.CreatedBy, Comment = request.Comment,
        };
        wire.Matchers.AddRange(request.Matchers.Select(m => new Matcher { Name = m.Name, Value = m.Value, IsRegex = m.IsRegex, IsEqual = m.IsEqual }));
        var r = await CallAsync("CreateSilence", o => _client.CreateSilenceAsync(wire, o), caller, ct).ConfigureAwait(false);
        return r.Id;
    }

    public Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        CallAsync("ExpireSilence", o => _client.ExpireSilenceAsync(new ExpireSilenceReq { Id = id }, o), caller, ct);
    public async Task<DeploymentStart> DeployAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new DeployReq
        {
            Service = order.Service, Version = order.Version ?? "", RequestedBy = order.RequestedBy, ConfirmedBy = order.ConfirmedBy, PlanOnly = planOnly,
        };
        if (order.ExpectedLast is { } last) request.ExpectedLast = last;
        var r = await CallAsync("Deploy", o => _client.DeployAsync(request, o), caller, ct).ConfigureAwait(false);
        return Started(r);
    }

    public async Task<DeploymentStart> RollbackAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new RollbackReq
        {
            Service = order.Service, RequestedBy = order.RequestedBy, ConfirmedBy = order.ConfirmedBy, PlanOnly = planOnly, TargetVersion = order.TargetVersion ?? "",
        };
        if (order.ExpectedLast is { } last) request.ExpectedLast = last;
        var r = await CallAsync("Rollback", o => _client.RollbackAsync(request, o), caller, ct).ConfigureAwait(false);
        return Started(r);
    }

    public async Task<DeploymentInfo> DeploymentStatusAsync(string id, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("DeploymentStatus", o => _client.DeploymentStatusAsync(new DeploymentStatusReq { Id = id }, o), caller, ct).ConfigureAwait(false);
        return r.Deployment is { } d ? DeploymentMapping.From(d)
            : throw new OpsException(StatusCode.Internal, "DeploymentStatus", _endpointForHumans, "the answer holds no deployment");
    }

    public async Task<IReadOnlyList<DeploymentInfo>> ListDeploymentsAsync(string? service, int limit, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new ListDeploymentsReq { Service = service ?? "", Limit = limit };
        var r = await CallAsync("ListDeployments", o => _client.ListDeploymentsAsync(request, o), caller, ct).ConfigureAwait(false);
        return r.Deployments.Select(DeploymentMapping.From).ToList();
    }

    public async Task<IReadOnlyList<ProfileTargetInfo>> ListProfileTargetsAsync(OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("ListProfileTargets", o => _client.ListProfileTargetsAsync(new ListProfileTargetsReq(), o), caller, ct).ConfigureAwait(false);
        return r.Targets.Select(t => new ProfileTargetInfo(t.Service, t.MaxSeconds, t.MaxBytes)).ToList();
    }

    public async Task<ProfileStart> TakeProfileAsync(ProfileRequest request, OpsCaller caller, CancellationToken ct = default)
    {
        var wire = new TakeProfileReq
        {
            Service = request.Service, Kind = request.Kind, Seconds = request.Seconds, RequestedBy = request.RequestedBy,
            RequestId = request.RequestId, Wait = request.Wait,
        };
        // Waiting takes the profile's own seconds on top of the usual deadline.
        var deadline = options.Timeout + (request.Wait ? TimeSpan.FromSeconds(Math.Max(0, request.Seconds)) + ProfileWait : TimeSpan.Zero);
        var r = await CallAsync("TakeProfile", o => _client.TakeProfileAsync(wire, o), caller, ct, deadline).ConfigureAwait(false);
        return r.Refusal.Length > 0 ? new ProfileStart(null, r.Refusal) : new ProfileStart(Mapped("TakeProfile", () => ProfileMapping.From(r)), null);
    }

    public async Task<ProfileInfo> CollectProfileAsync(string id, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("CollectProfile", o => _client.CollectProfileAsync(new CollectProfileReq { Id = id }, o), caller, ct).ConfigureAwait(false);
        return Mapped("CollectProfile", () => ProfileMapping.From(r));
    }

    /// <summary>What fetching and reading a profile may take beyond its sampling seconds.</summary>
    private static readonly TimeSpan ProfileWait = TimeSpan.FromSeconds(20);

    private static DeploymentStart Started(DeploymentResp r) => new(r.Deployment is { } d ? DeploymentMapping.From(d) : null,
        r.Refusal.Length > 0 ? r.Refusal : null, r.TargetVersion.Length > 0 ? r.TargetVersion : null)
    {
        LastDeployment = r.LastDeployment,
    };

    private async Task<TResponse> CallAsync<TResponse>(string method, Func<CallOptions, AsyncUnaryCall<TResponse>> call,
        OpsCaller caller, CancellationToken ct, TimeSpan? deadline = null)
    {
        var callOptions = new CallOptions(CallMetadata.For(caller), DateTime.UtcNow + (deadline ?? options.Timeout), ct);
        try
        {
            return await call(callOptions).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
        {
            // The caller gave up (shutdown, its own timeout): not a failure of the Ops service.
            throw new OperationCanceledException("the Ops call was cancelled", ex, ct);
        }
        catch (RpcException ex)
        {
            throw new OpsException(ex.StatusCode, method, _endpointForHumans, Detail(ex), ex, ex.Trailers.GetValue(BackendTrailer));
        }
    }

    /// <summary>The trailer in which the Ops service names the backend that failed.</summary>
    private const string BackendTrailer = "ops-backend";

    /// <summary>The status detail in words a person can act on: gRPC's own texts ("Error connecting to subchannel.",
    /// "Exception was thrown by handler.") and bare status names say nothing about what to do.</summary>
    private string Detail(RpcException ex) => ex.Status.Detail switch
    {
        _ when ex.StatusCode == StatusCode.Unavailable && ex.Trailers.GetValue(BackendTrailer) is null && ex.Status.DebugException is { } cause =>
            $"nothing answers there ({Innermost(cause).Message.TrimEnd('.')}); start it, or check Ops__Endpoint",
        "Error connecting to subchannel." => "nothing answers there; start it, or check Ops__Endpoint",
        "Exception was thrown by handler." => "it failed inside (its log has the details)",
        { Length: > 0 } detail => detail,
        _ when ex.StatusCode == StatusCode.DeadlineExceeded => $"no answer within {options.Timeout.TotalSeconds:0.###} s",
        _ => "it gave no reason",
    };

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    /// <summary>Protobuf's Duration and Timestamp refuse out-of-range or unnormalized values by throwing;
    /// that is the server's fault and must read as such, not as a crash.</summary>
    private T Mapped<T>(string method, Func<T> map)
    {
        try
        {
            return map();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new OpsException(StatusCode.Internal, method, _endpointForHumans, "the answer holds a time or duration out of range", ex);
        }
        catch (FormatException ex)
        {
            throw new OpsException(StatusCode.Internal, method, _endpointForHumans, "the answer is malformed: " + ex.Message, ex);
        }
    }

    /// <summary>The endpoint as shown to people: without any user:password part.</summary>
    private static string DisplayEndpoint(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}" : endpoint ?? "";
}
