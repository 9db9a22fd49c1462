using ChatOps.Core.Ops.Grpc;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Wire.Ops;
using Google.Protobuf;

namespace ChatOps.Core.Ops;

/// <summary>
/// The one place that knows the Ops wire contract: builds protobuf requests from the project's
/// records, calls /ops.Ops/&lt;Method&gt;, and maps the answers back. Nothing past it sees
/// generated types.
/// </summary>
public sealed class OpsGrpcClient(GrpcUnaryClient grpc, OpsOptions options) : IOpsClient
{
    private const string Service = "ops.Ops";
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
        var response = await CallAsync("ListTraces", request, ListTracesResp.Parser, caller, ct).ConfigureAwait(false);
        return response.Traces.Select(t => new TraceSummary(t.Id, UnixNanos.ToTime(t.Start))).ToList();
    }

    public async Task<TraceDetails> ShowTraceAsync(string id, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("ShowTrace", new ShowTraceReq { Id = id }, ShowTraceResp.Parser, caller, ct).ConfigureAwait(false);
        return Mapped("ShowTrace", () => new TraceDetails(r.Id.Length > 0 ? r.Id : id, r.Operations.ToList(), r.Errors.ToList(), r.Tags.ToList(),
            r.Duration?.ToTimeSpan() ?? TimeSpan.Zero));
    }

    public async Task<TraceLogs> ShowLogsAsync(string id, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("ShowLogs", new ShowLogsReq { Id = id }, ShowLogsResp.Parser, caller, ct).ConfigureAwait(false);
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
        return CallAsync("ChangeSampling", request, ChangeSamplingResp.Parser, caller, ct);
    }

    public async Task<string> DeployedVersionAsync(OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("DeployedVersion", new DeployedVersionReq(), DeployedVersionResp.Parser, caller, ct).ConfigureAwait(false);
        return r.Version;
    }

    public async Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new AlertsReq { ActiveAt = UnixNanos.From(query.ActiveSince) };
        request.Labels.AddRange(query.Labels);
        request.States.AddRange(query.States);
        var r = await CallAsync("Alerts", request, AlertsResp.Parser, caller, ct).ConfigureAwait(false);
        return r.Alerts.Select(a => new AlertInfo(a.State, a.Value, a.ActiveAt == 0 ? null : UnixNanos.ToTime(a.ActiveAt),
            new Dictionary<string, string>(a.Labels), new Dictionary<string, string>(a.Annotations))).ToList();
    }

    public async Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step,
        OpsCaller caller, CancellationToken ct = default)
    {
        var request = new QueryRangeReq { Query = query, Start = UnixNanos.From(start), End = UnixNanos.From(end), Step = UnixNanos.From(step) };
        var r = await CallAsync("QueryRange", request, QueryRangeResp.Parser, caller, ct).ConfigureAwait(false);
        return r.Series.Select(s => new MetricSeries(new Dictionary<string, string>(s.Labels),
            s.Points.Select(p => new MetricPoint(UnixNanos.ToTime(p.Timestamp), p.Value)).ToList())).ToList();
    }

    private async Task<TResponse> CallAsync<TResponse>(string method, IMessage request, MessageParser<TResponse> parser,
        OpsCaller caller, CancellationToken ct) where TResponse : IMessage<TResponse>
    {
        byte[] bytes;
        try
        {
            bytes = await grpc.CallAsync(Service, method, request.ToByteArray(), CallMetadata.For(caller, options.Token),
                options.Timeout, ct).ConfigureAwait(false);
        }
        catch (GrpcException ex)
        {
            throw new OpsException(ex.Code, method, _endpointForHumans, ex.Detail, ex);
        }
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OpsException(GrpcStatusCode.Internal, method, _endpointForHumans, "the answer is not a valid " + typeof(TResponse).Name, ex);
        }
    }

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
            throw new OpsException(GrpcStatusCode.Internal, method, _endpointForHumans, "the answer holds a time or duration out of range", ex);
        }
    }

    /// <summary>The endpoint as shown to people: without any user:password part.</summary>
    private static string DisplayEndpoint(string? endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}" : endpoint ?? "";
}
