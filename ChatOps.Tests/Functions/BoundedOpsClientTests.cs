using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>At most Limits__MaxConcurrentOpsCalls Ops calls in flight per instance.</summary>
public sealed class BoundedOpsClientTests
{
    [Fact]
    public async Task TheAppsOpsClient_IsBounded()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var app = await TestApp.StartAsync(slack);

        Assert.IsType<BoundedOpsClient>(app.Services.GetRequiredService<IOpsClient>());
    }

    /// <summary>Blocks every call until released, counting how many are inside at once.</summary>
    private sealed class GatedOps : IOpsClient
    {
        private int _inside;
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int MostAtOnce;

        public async Task<string> DeployedVersionAsync(OpsCaller caller, CancellationToken ct = default)
        {
            var now = Interlocked.Increment(ref _inside);
            lock (this) MostAtOnce = Math.Max(MostAtOnce, now);
            await Release.Task;
            Interlocked.Decrement(ref _inside);
            return "v1";
        }

        public Task<IReadOnlyList<TraceSummary>> ListTracesAsync(TraceQuery query, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<TraceDetails> ShowTraceAsync(string id, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<TraceLogs> ShowLogsAsync(string id, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task ChangeSamplingAsync(SamplingChange change, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<VersionReport> EveryServiceVersionAsync(OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<string> ServiceVersionAsync(string service, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<AlertInfo>> AlertsAsync(AlertQuery query, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<MetricSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, OpsCaller caller,
            CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<SilenceInfo>> ListSilencesAsync(bool includeExpired, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<string> CreateSilenceAsync(SilenceRequest request, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task ExpireSilenceAsync(string id, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<DeploymentStart> DeployAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<DeploymentStart> RollbackAsync(DeployOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
            throw new NotSupportedException();
        public Task<DeploymentInfo> DeploymentStatusAsync(string id, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<ConfigTargetInfo>> ListConfigTargetsAsync(OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ConfigFile> GetConfigAsync(string target, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ConfigPlanInfo> PlanConfigAsync(string target, byte[] content, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ConfigChangeResult> PushConfigAsync(ConfigPushOrder order, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ConfigHistoryInfo> ConfigHistoryAsync(string target, int limit, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ConfigChangeResult> RollbackConfigAsync(ConfigRollbackOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default) =>
            throw new NotSupportedException();
        public Task<IReadOnlyList<DeploymentInfo>> ListDeploymentsAsync(string? service, int limit, OpsCaller caller, CancellationToken ct = default) =>
            throw new NotSupportedException();
        public Task<IReadOnlyList<ProfileTargetInfo>> ListProfileTargetsAsync(OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ProfileStart> TakeProfileAsync(ProfileRequest request, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ProfileInfo> CollectProfileAsync(string id, OpsCaller caller, CancellationToken ct = default) => throw new NotSupportedException();
    }

    [Fact]
    public async Task NoMoreThanTheLimit_AreInFlight_AndTheRestWaitTheirTurn()
    {
        var inner = new GatedOps();
        var bounded = new BoundedOpsClient(inner, 2);

        var calls = Enumerable.Range(0, 6).Select(_ => bounded.DeployedVersionAsync(new OpsCaller("U", "C", "deployed version"))).ToList();
        await Task.Delay(200);
        Assert.Equal(2, inner.MostAtOnce);
        Assert.All(calls, c => Assert.False(c.IsCompleted));
        inner.Release.SetResult();

        Assert.All(await Task.WhenAll(calls), v => Assert.Equal("v1", v));
        Assert.Equal(2, inner.MostAtOnce);
    }

    [Fact]
    public async Task AWaitingCaller_CanGiveUp()
    {
        var inner = new GatedOps();
        var bounded = new BoundedOpsClient(inner, 1);
        _ = bounded.DeployedVersionAsync(new OpsCaller("U", "C", "x"));
        using var cts = new CancellationTokenSource(100);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bounded.DeployedVersionAsync(new OpsCaller("U", "C", "x"), cts.Token));
        inner.Release.SetResult();
    }
}
