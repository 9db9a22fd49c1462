using System.Text.RegularExpressions;
using ChatOps.OpsService.Backends;
using ChatOps.OpsService.Deploy;
using ChatOps.OpsService.Grpc;
using ChatOps.Wire.Ops;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace ChatOps.OpsService.Service;

/// <summary>The Ops contract answered from Prometheus, Jaeger and the sampling file.</summary>
internal sealed partial class OpsImplementation(
    PrometheusClient prometheus, JaegerClient jaeger, SamplingFile sampling, OpsServiceOptions options, TimeProvider clock, ILogger<OpsImplementation> log,
    AlertmanagerClient alertmanager,
    Deployments deployments,
    Profiles.ProfileCaptures profiles,
    Config.ConfigPushes configs)
    : Wire.Ops.Ops.OpsBase
{
    private const int DefaultDepth = 20;
    private const int MaxDepth = 1500;
    private const int MaxSeries = 100;

    public override async Task<ListTracesResp> ListTraces(ListTracesReq r, ServerCallContext call)
    {
        var service = r.Service.Length > 0 ? r.Service : options.DefaultService
            ?? throw new RpcException(new Status(StatusCode.InvalidArgument, "service is required (no OpsService__DefaultService is configured)"));
        var end = r.End > 0 ? Nanos.ToTime(r.End) : clock.GetUtcNow();
        var start = r.Start > 0 ? Nanos.ToTime(r.Start) : end.AddHours(-1);
        if (start >= end) throw new RpcException(new Status(StatusCode.InvalidArgument, "start must be before end"));
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var tag in r.Tags)
        {
            var colon = tag.IndexOf(':');
            if (colon <= 0) throw new RpcException(new Status(StatusCode.InvalidArgument, $"tag '{tag}' is not key:value"));
            if (tags.Any(t => t.Key == tag[..colon])) throw new RpcException(new Status(StatusCode.InvalidArgument, $"tag '{tag[..colon]}' is given twice"));
            tags.Add(new(tag[..colon], tag[(colon + 1)..]));
        }
        var depth = r.SearchDepth > 0 ? Math.Min(r.SearchDepth, MaxDepth) : DefaultDepth;
        var traces = await jaeger.SearchAsync(new JaegerSearch(service, r.Operation, tags, start, end,
            r.DurationMin > 0 ? Nanos.ToSpan(r.DurationMin) : null, r.DurationMax > 0 ? Nanos.ToSpan(r.DurationMax) : null, depth), call.CancellationToken);

        var response = new ListTracesResp();
        response.Traces.AddRange(traces
            .Where(t => t.Spans.Count > 0)
            .Select(t => new TraceItem { Id = t.Id, Start = t.Spans.Min(s => s.StartMicros) * 1000 })
            .OrderByDescending(t => t.Start)
            .Take(depth));
        return response;
    }

    public override async Task<ShowTraceResp> ShowTrace(ShowTraceReq r, ServerCallContext call)
    {
        var trace = await FindAsync(r.Id, call);
        var response = new ShowTraceResp
        {
            Id = trace.Id,
            Duration = Duration.FromTimeSpan(TimeSpan.FromTicks(Math.Clamp(trace.Spans.Max(s => s.DurationMicros), 0, TimeSpan.FromDays(365).Ticks / 10) * 10)),
        };
        var spans = trace.Spans.OrderBy(s => s.StartMicros).ToList();
        response.Operations.AddRange(spans.Select(s => s.Operation).Distinct());
        response.Errors.AddRange(spans.SelectMany(s => s.Tags).Where(t => t.Key == "error").Select(t => t.Text));
        response.Tags.AddRange(spans.SelectMany(s => s.Tags).Select(t => t.Key).Distinct());
        return response;
    }

    public override async Task<ShowLogsResp> ShowLogs(ShowLogsReq r, ServerCallContext call)
    {
        var trace = await FindAsync(r.Id, call);
        var response = new ShowLogsResp { Id = trace.Id };
        response.Logs.AddRange(trace.Spans.SelectMany(s => s.Logs).OrderBy(l => l.TimestampMicros).Select(JaegerLogs.ToWire));
        return response;
    }

    public override async Task<ChangeSamplingResp> ChangeSampling(ChangeSamplingReq r, ServerCallContext call)
    {
        var rate = r.Type switch
        {
            SamplerType.Stnever => 0.0,
            SamplerType.Stalways => 1.0,
            SamplerType.Stfloat when r.FloatValue > 0 && r.FloatValue <= 1 => r.FloatValue,
            SamplerType.Stfloat => throw new RpcException(new Status(StatusCode.InvalidArgument, $"float_value must be in (0, 1], got {r.FloatValue}")),
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "type must be STNever, STAlways or STFloat")),
        };
        await sampling.SetProbabilityAsync(options.DefaultService, rate, call.CancellationToken);
        log.LogWarning("Sampling of {Service} set to {Rate} by {User} in {Channel}",
            options.DefaultService ?? "(default strategy)", rate, MetadataText.Of(call, "x-chatops-user"), MetadataText.Of(call, "x-chatops-channel"));
        return new ChangeSamplingResp();
    }

    public override async Task<DeployedVersionResp> DeployedVersion(DeployedVersionReq r, ServerCallContext call)
    {
        var query = options.VersionQuery;
        if (r.Service.Length > 0)
        {
            if (!options.Deploy.Services.TryGetValue(r.Service, out var service))
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"no service {MetadataText.Sanitise(r.Service)}; the deployable ones are {string.Join(", ", options.Deploy.Services.Keys.Order())}"));
            if (!string.IsNullOrWhiteSpace(service.VersionQuery)) query = service.VersionQuery;
        }
        if (r.EveryService && r.Service.Length == 0) return await EveryServiceVersionAsync(call);
        var samples = await prometheus.QueryAsync(query, call.CancellationToken);
        var first = samples.FirstOrDefault()
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no series match the version query {query}"));
        return new DeployedVersionResp { Version = first.Labels.GetValueOrDefault("version") ?? first.Value };
    }

    /// <summary>Every deployable service from its own query (the default one when it has none), and the default query:
    /// one that cannot be asked is named with why, and the others still answer.</summary>
    private async Task<DeployedVersionResp> EveryServiceVersionAsync(ServerCallContext call)
    {
        async Task<(string Version, string Failure)> AskAsync(string query)
        {
            try
            {
                var first = (await prometheus.QueryAsync(query, call.CancellationToken)).FirstOrDefault();
                return (first is null ? "" : first.Labels.GetValueOrDefault("version") ?? first.Value, "");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return ("", ex.Message);
            }
        }

        var response = new DeployedVersionResp { Version = (await AskAsync(options.VersionQuery)).Version };
        foreach (var (name, service) in options.Deploy.Services.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (version, failure) = await AskAsync(string.IsNullOrWhiteSpace(service.VersionQuery) ? options.VersionQuery : service.VersionQuery);
            response.Services.Add(new ServiceVersion { Service = name, Version = version, Failure = failure });
        }
        return response;
    }

    public override async Task<AlertsResp> Alerts(AlertsReq r, ServerCallContext call)
    {
        var filters = r.Labels.Select(LabelFilter.Parse).ToList();
        var states = r.States.Select(s => s.ToLowerInvariant()).ToHashSet();
        var since = r.ActiveAt > 0 ? Nanos.ToTime(r.ActiveAt) : (DateTimeOffset?)null;
        var alerts = await prometheus.AlertsAsync(call.CancellationToken);

        var response = new AlertsResp();
        foreach (var a in alerts.Where(a => filters.All(f => f.Matches(a.Labels)))
                     .Where(a => states.Count == 0 || states.Contains(a.State.ToLowerInvariant()))
                     .Where(a => since is null || a.ActiveAt >= since))
        {
            var alert = new Alert { State = a.State, Value = a.Value, ActiveAt = a.ActiveAt is { } at ? Nanos.From(at) : 0 };
            alert.Labels.Add(new Dictionary<string, string>(a.Labels));
            alert.Annotations.Add(new Dictionary<string, string>(a.Annotations));
            response.Alerts.Add(alert);
        }
        return response;
    }

    public override async Task<QueryRangeResp> QueryRange(QueryRangeReq r, ServerCallContext call)
    {
        if (string.IsNullOrWhiteSpace(r.Query)) throw new RpcException(new Status(StatusCode.InvalidArgument, "query is required"));
        if (r.Start < 0 || r.End < 0) throw new RpcException(new Status(StatusCode.InvalidArgument, "start and end are unix nanoseconds, not negative"));
        var end = r.End > 0 ? Nanos.ToTime(r.End) : clock.GetUtcNow();
        var start = r.Start > 0 ? Nanos.ToTime(r.Start) : end.AddHours(-1);
        if (start >= end) throw new RpcException(new Status(StatusCode.InvalidArgument, "start must be before end"));
        // About 250 points across the range unless a step is given; Prometheus refuses over 11,000.
        var step = r.Step > 0 ? Nanos.ToSpan(r.Step) : TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((end - start).TotalSeconds / 250)));
        if ((end - start) / step > 11_000) throw new RpcException(new Status(StatusCode.InvalidArgument, "the step is too small for the range (over 11,000 points)"));

        var series = await prometheus.QueryRangeAsync(r.Query, start, end, step, call.CancellationToken);
        var response = new QueryRangeResp();
        // A chart shows a handful of series; thousands would only blow the message size. Keep the highest.
        foreach (var s in series.OrderByDescending(s => s.Points.Select(p => p.Value).Where(double.IsFinite).DefaultIfEmpty(double.MinValue).Max()).Take(MaxSeries))
        {
            var wire = new Series();
            wire.Labels.Add(new Dictionary<string, string>(s.Labels));
            wire.Points.AddRange(s.Points.Select(p => new Point { Timestamp = Nanos.From(p.Time), Value = p.Value }));
            response.Series.Add(wire);
        }
        return response;
    }

    public override async Task<ListSilencesResp> ListSilences(ListSilencesReq r, ServerCallContext call)
    {
        var silences = await alertmanager.ListAsync(call.CancellationToken);
        var response = new ListSilencesResp();
        foreach (var s in silences.Where(s => r.IncludeExpired || s.State != "expired").OrderBy(s => s.EndsAt))
        {
            var wire = new Silence
            {
                Id = s.Id, StartsAt = Nanos.From(s.StartsAt), EndsAt = Nanos.From(s.EndsAt), CreatedBy = s.CreatedBy, Comment = s.Comment, State = s.State,
            };
            wire.Matchers.AddRange(s.Matchers.Select(m => new Matcher { Name = m.Name, Value = m.Value, IsRegex = m.IsRegex, IsEqual = m.IsEqual }));
            response.Silences.Add(wire);
        }
        return response;
    }

    public override async Task<CreateSilenceResp> CreateSilence(CreateSilenceReq r, ServerCallContext call)
    {
        if (r.Matchers.Count == 0) throw new RpcException(new Status(StatusCode.InvalidArgument, "a silence needs at least one matcher"));
        if (r.Matchers.Any(m => m.Name.Length == 0)) throw new RpcException(new Status(StatusCode.InvalidArgument, "every matcher needs a name"));
        if (string.IsNullOrWhiteSpace(r.CreatedBy)) throw new RpcException(new Status(StatusCode.InvalidArgument, "created_by is required"));
        var now = clock.GetUtcNow();
        var start = r.StartsAt > 0 ? Nanos.ToTime(r.StartsAt) : now;
        var end = Nanos.ToTime(r.EndsAt);
        if (r.EndsAt <= 0 || end <= start || end <= now) throw new RpcException(new Status(StatusCode.InvalidArgument, "ends_at must be in the future and after starts_at"));
        var id = await alertmanager.CreateAsync(r.Matchers.Select(m => new AmMatcher(m.Name, m.Value, m.IsRegex, m.IsEqual)).ToList(),
            start, end, r.CreatedBy, r.Comment.Length > 0 ? r.Comment : "created from ChatOps", call.CancellationToken);
        log.LogWarning("Silence {SilenceId} created until {EndsAt} by {CreatedBy} (user {User} in {Channel})",
            id, end, r.CreatedBy, MetadataText.Of(call, "x-chatops-user"), MetadataText.Of(call, "x-chatops-channel"));
        return new CreateSilenceResp { Id = id };
    }

    public override async Task<ExpireSilenceResp> ExpireSilence(ExpireSilenceReq r, ServerCallContext call)
    {
        if (!SilenceId().IsMatch(r.Id)) throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{r.Id}' is not a silence id"));
        await alertmanager.ExpireAsync(r.Id, call.CancellationToken);
        log.LogWarning("Silence {SilenceId} expired by {User} in {Channel}", r.Id, MetadataText.Of(call, "x-chatops-user"), MetadataText.Of(call, "x-chatops-channel"));
        return new ExpireSilenceResp();
    }

    [GeneratedRegex("^[0-9a-fA-F-]{1,64}$")]
    private static partial Regex SilenceId();

    private async Task<JaegerTrace> FindAsync(string id, ServerCallContext call)
    {
        if (!HexId().IsMatch(id)) throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{id}' is not a hex trace id"));
        var trace = await jaeger.GetAsync(id, call.CancellationToken);
        return trace is { Spans.Count: > 0 } ? trace : throw new RpcException(new Status(StatusCode.NotFound, $"trace {id} not found"));
    }

    [GeneratedRegex("^[0-9a-fA-F]{1,32}$")]
    private static partial Regex HexId();
}
