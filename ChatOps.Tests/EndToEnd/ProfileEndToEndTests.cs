using ChatOps.OpsService.Profiles;
using ChatOps.Tests.OpsService.Profiles;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.EndToEnd;

/// <summary>
/// Real parts end to end: Debian's Prometheus as the profile target, the Ops service taking and reading its
/// profiles, the bot in local mode with its queues in Azurite. Only Slack is a fake. Each profile command is
/// answered at once, and the flame graph, the table and the raw profile follow in the thread.
/// </summary>
public sealed class ProfileEndToEndTests : IAsyncLifetime
{
    private RealPrometheus _prometheus = null!;
    private OpsServiceHost _ops = null!;
    private FakeSlackApi _slack = null!;
    private Azurite _azurite = null!;
    private LocalApp _bot = null!;

    public async Task InitializeAsync()
    {
        _prometheus = await RealPrometheus.StartAsync("127.0.0.1:1");
        _ops = await OpsServiceHost.StartAsync(_prometheus.Url, "http://127.0.0.1:1",
            ("OpsService:Profiles:Services:prometheus:Url", _prometheus.Url + "/debug/pprof"));
        _slack = await FakeSlackApi.StartAsync();
        _azurite = await Azurite.StartAsync();
        _bot = await LocalApp.StartAsync(_azurite, _slack, new Dictionary<string, string> { ["Ops:Endpoint"] = _ops.Endpoint });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _azurite.DisposeAsync();
        await _slack.DisposeAsync();
        await _ops.DisposeAsync();
        await _prometheus.DisposeAsync();
    }

    [Fact]
    public async Task CpuAndHeapProfilesOfPrometheus_PostAFlameGraph_ATopTableFromTheProfile_AndTheRawProfile()
    {
        using var load = new CancellationTokenSource();
        var busy = KeepPrometheusBusyAsync(load.Token);
        var cpu = await ProfileAsync("profile prometheus cpu for 5s", "Taking a CPU profile of `prometheus` for 5 s");
        await load.CancelAsync();
        await busy;
        Assert.Equal("cpu", cpu.SampleType);

        var heap = await ProfileAsync("profile prometheus heap", "Taking a heap profile of `prometheus`");
        Assert.Equal("inuse_space", heap.SampleType);
    }

    private async Task<ProfileSummary> ProfileAsync(string command, string taking)
    {
        var (posts, uploads, completes) = (_slack.CallsTo("chat.postMessage").Count, _slack.CallsTo("upload").Count, _slack.CallsTo("files.completeUploadExternal").Count);
        var body = SlackRequests.AppMention("<@UBOT0001> " + command, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: "U0ALICE", ts: Envelopes.NextTs());
        Assert.Equal(200, (int)(await _bot.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body))).StatusCode);

        var said = (await _slack.WaitForCallsAsync("chat.postMessage", posts + 1, TimeSpan.FromSeconds(20)))[posts];
        Assert.Contains(taking, (string?)said.Json["text"]);
        var files = (await _slack.WaitForCallsAsync("upload", uploads + 2, TimeSpan.FromSeconds(40))).Skip(uploads).ToList();
        var complete = (await _slack.WaitForCallsAsync("files.completeUploadExternal", completes + 1, TimeSpan.FromSeconds(10)))[completes];

        var png = Png.Decode(files[0].Bytes);
        Assert.Equal(1200, png.Width);
        var name = command.Split(' ')[2];
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), $"chatops-e2e-flame-{name}.png"), files[0].Bytes);
        // The .pb.gz gunzips to a profile the decoder reads, and the table's first function is that profile's top.
        var profile = await PprofDecoder.DecodeAsync(files[1].Bytes, 32L * 1024 * 1024);
        Assert.True(ProfileFixtures.Gunzip(files[1].Bytes).Length > 0);
        Assert.Contains($"in {profile.SampleCount:N0} samples", complete.Form("initial_comment") ?? "");
        // The top functions follow as a table block, with the same table monospaced as its text.
        var tableMessage = (await _slack.WaitForCallsAsync("chat.postMessage", posts + 2, TimeSpan.FromSeconds(10)))[posts + 1];
        var table = tableMessage.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "table")!;
        Assert.Equal(profile.Top[0].Name, (string?)table["rows"]![1]![4]!["text"]);
        var fallback = (string?)tableMessage.Json["text"] ?? "";
        var firstRow = fallback.Split('\n').SkipWhile(l => !l.StartsWith("```")).Skip(2).First();
        Assert.EndsWith("  " + profile.Top[0].Name, firstRow);
        return profile;
    }

    /// <summary>Queries that make Prometheus work while its CPU is sampled, so the profile has samples to show.</summary>
    private async Task KeepPrometheusBusyAsync(CancellationToken ct)
    {
        using var http = new HttpClient();
        var workers = Enumerable.Range(0, 2).Select(async _ =>
        {
            while (!ct.IsCancellationRequested)
            {
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                try
                {
                    await http.GetStringAsync($"{_prometheus.Url}/api/v1/query_range?query=sum(rate(prometheus_http_requests_total%5B10s%5D))by(handler)&start={now - 3600}&end={now}&step=0.5", ct);
                }
                catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException)
                {
                }
            }
        });
        await Task.WhenAll(workers);
    }
}
