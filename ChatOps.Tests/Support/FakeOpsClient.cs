using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;

namespace ChatOps.Tests.Support;

/// <summary>A hand-written Ops seam: canned answers, recorded calls, and a failure to throw when set.</summary>
public sealed class FakeOpsClient : IOpsClient
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

    public Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default)
    {
        var id = Answer("CreateSilence", request, caller, $"sil-{Silences.Count + 1}");
        Silences.Add(new SilenceInfo(id, request.Matchers, request.StartsAt, request.EndsAt, request.CreatedBy, request.Comment, "active"));
        return Task.FromResult(id);
    }

    public Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ExpireSilence", id, caller, 0));
}
