using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>TakeProfile and CollectProfile through the real Ops service and the bot's gRPC client, against targets
/// that answer well, badly or not at all. Each fault is an answer in words, never an error status.</summary>
public sealed class ProfileCaptureTests : IAsyncLifetime
{
    private static readonly OpsCaller Caller = new("U0ALICE", "C0INCIDENT", "profile");
    private ProfileTarget _target = null!;
    private OpsServiceHost _ops = null!;
    private IOpsClient _client = null!;

    public async Task InitializeAsync()
    {
        _target = await ProfileTarget.StartAsync();
        var down = $"http://127.0.0.1:{FreePort.Next()}/debug/pprof";
        _ops = await OpsServiceHost.StartAsync("http://127.0.0.1:9", "http://127.0.0.1:9",
            Source("good", _target.Url + "/good"), ("OpsService:Profiles:Services:good:Token", "s3cret-token"),
            ("OpsService:Profiles:Services:good:MaxSeconds", "20"),
            Source("html", _target.Url + "/html"), Source("big", _target.Url + "/big"), ("OpsService:Profiles:Services:big:MaxBytes", "4096"),
            Source("corrupt", _target.Url + "/corrupt"), Source("idle", _target.Url + "/idle"), Source("slow", _target.Url + "/slow"),
            Source("down", down));
        _client = _ops.Client();
    }

    private static (string, string) Source(string name, string url) => ($"OpsService:Profiles:Services:{name}:Url", url);

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _ops.DisposeAsync();
    }

    private Task<ProfileStart> TakeAsync(string service, string kind = "heap", int seconds = 0, bool wait = true, string? requestId = null) =>
        _client.TakeProfileAsync(new ProfileRequest(service, kind, seconds, "U0ALICE", requestId ?? Guid.NewGuid().ToString("n"), wait), Caller);

    [Fact]
    public async Task Heap_IsSummarised_AndTheRawProfileComesBackAsSent_WithTheToken()
    {
        var profile = (await TakeAsync("good")).Profile!;

        Assert.True(profile.Done);
        Assert.Null(profile.Failure);
        Assert.Equal(ProfileFixtures.Read("prometheus-heap.pb.gz"), profile.Raw);
        Assert.Equal(("inuse_space", "bytes", 51_212_173L), (profile.SampleType, profile.Unit, profile.Total));
        Assert.Equal("github.com/prometheus/prometheus/promql.getPointSlice", profile.Top[0].Name);
        Assert.Equal(profile.Total, profile.Flame.Where(f => f.Parent == -1).Sum(f => f.Value));
        Assert.Equal("Bearer s3cret-token", _target.LastAuthorization);
        Assert.DoesNotContain(_ops.Logs.Lines, l => l.Message.Contains("s3cret-token"));
    }

    public static TheoryData<string, string> Faults => new()
    {
        { "html", "html answered with a web page, not a profile (a login page or a proxy in the way?)" },
        { "big", "big's heap profile is 16.2 KB, over the limit of 4 KB" },
        { "corrupt", "the profile is corrupt (not a complete pprof profile)" },
        { "down", "down is unreachable at its pprof address (ConnectionError)" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task TargetFault_IsAnAnswerInWords(string service, string expected)
    {
        var profile = (await TakeAsync(service)).Profile!;

        Assert.True(profile.Done);
        Assert.Equal(expected, profile.Failure);
        Assert.Empty(profile.Raw);
    }

    [Fact]
    public async Task IdleCpu_SaysTheServiceWasIdle()
    {
        var profile = (await TakeAsync("idle", "cpu", 1)).Profile!;

        Assert.Equal("no CPU samples in 1 s: the service was idle", profile.Failure);
    }

    [Fact]
    public async Task UnknownService_IsRefused_WithTheList()
    {
        var start = await TakeAsync("checkout");

        Assert.Null(start.Profile);
        Assert.Equal("'checkout' is not a service I can profile (known: big, corrupt, down, good, html, idle, slow)", start.Refusal);
    }

    [Fact]
    public async Task DurationOverTheMaximum_IsRefused_AndNothingIsFetched()
    {
        var start = await TakeAsync("good", "cpu", 21);

        Assert.Equal("21 s is longer than good allows for a CPU profile (at most 20 s)", start.Refusal);
    }

    [Fact]
    public async Task SecondProfileWhileOneIsTaken_IsRefusedNamingWho_ButTheSameRequestAgainGetsTheSameCapture()
    {
        var first = (await TakeAsync("slow", "cpu", 10, wait: false, requestId: "cmd-1")).Profile!;
        Assert.False(first.Done);

        var other = await _client.TakeProfileAsync(new ProfileRequest("slow", "heap", 0, "U0BOB", "cmd-2", false), Caller);
        var retried = (await TakeAsync("slow", "cpu", 10, wait: false, requestId: "cmd-1")).Profile!;

        Assert.StartsWith("a cpu profile of slow is being taken already, for U0ALICE, until about ", other.Refusal);
        Assert.Equal(first.Id, retried.Id);
        _target.Release();
        var collected = await WaitDoneAsync(first.Id);
        Assert.Equal("cpu", collected.SampleType);
        Assert.Equal("runtime.asyncPreempt", collected.Top[0].Name);
    }

    [Fact]
    public async Task UnknownId_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<OpsException>(() => _client.CollectProfileAsync("0123456789abcdef", Caller));

        Assert.Equal(Grpc.Core.StatusCode.NotFound, ex.Code);
    }

    private async Task<ProfileInfo> WaitDoneAsync(string id)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var p = await _client.CollectProfileAsync(id, Caller);
            if (p.Done || DateTime.UtcNow > until) return p;
            await Task.Delay(100);
        }
    }
}
