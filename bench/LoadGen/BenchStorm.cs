using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace LoadGen;

public sealed record StormResult(int Groups, int BigGroups, int AlertsPerBigGroup, int Channels, double RateLimitedSeconds, int RateLimitAnswers,
    int GroupsPosted, int Duplicates, double AckedMs, double LastPostMs, double PeakHwmMiB);

public sealed partial class Bench
{
    private const int StormGroups = 500;
    private const int StormChannels = 5;
    private const int StormBigEvery = 10;
    private const int StormBigAlerts = 200;
    private static readonly TimeSpan StormRateLimited = TimeSpan.FromSeconds(15);

    // ---- 5. an alert storm -----------------------------------------------------------------------

    /// <summary>Local mode: 500 groups at once (every tenth of 200 alerts, far over a queue message), routed into 5
    /// channels, while the fake Slack answers 429 to every post and update for the first seconds. Every group must be
    /// posted exactly once; the time to the last post and the worker's peak memory are what it measures.</summary>
    public async Task StormAsync(BenchResults results)
    {
        var port = Child.FreePort();
        await using var child = StartTarget(Local, port, "sc", out _);
        var (make, ok) = AckRequest(Local, port);
        await WaitForAckAsync(make, ok, child, TimeSpan.FromSeconds(60));
        fake.ResetPosts();
        fake.RateLimitFor(StormRateLimited);
        var started = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, StormGroups), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/api/alertmanager")
            {
                Content = new StringContent(StormPayload(i).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", AlertToken);
            using var response = await _probe.SendAsync(request, ct);
            if ((int)response.StatusCode != 200) throw new InvalidOperationException($"/api/alertmanager answered {(int)response.StatusCode} for group {i}");
        });
        var acked = clock.Elapsed;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (fake.GroupsPosted < StormGroups && DateTime.UtcNow < deadline) await Task.Delay(200);
        var last = fake.LastPostAt is { } at ? Stopwatch.GetElapsedTime(started, at) : clock.Elapsed;
        // Anything posted twice would come in the seconds after the last first post.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (hwm, _) = Child.Memory(child.Pid);
        results.Storms.Add(new StormResult(StormGroups, StormGroups / StormBigEvery, StormBigAlerts, StormChannels, StormRateLimited.TotalSeconds,
            fake.RateLimitAnswers, fake.GroupsPosted, fake.DuplicatePosts, acked.TotalMilliseconds, last.TotalMilliseconds, hwm));
        if (fake.GroupsPosted != StormGroups || fake.DuplicatePosts != 0)
            throw new InvalidOperationException($"storm: {fake.GroupsPosted} of {StormGroups} groups posted, {fake.DuplicatePosts} posted more than once");
    }

    private static JsonObject StormPayload(int i)
    {
        var group = $"Storm{i:D3}";
        var team = $"t{i % StormChannels}";
        var now = DateTimeOffset.UtcNow;
        var alerts = new JsonArray();
        for (var a = 0; a < (i % StormBigEvery == 0 ? StormBigAlerts : 1); a++)
            alerts.Add(new JsonObject
            {
                ["status"] = "firing",
                ["labels"] = new JsonObject
                {
                    ["alertname"] = group, ["severity"] = "critical", ["team"] = team, ["namespace"] = "shop", ["cluster"] = "prod-eu-1",
                    ["pod"] = $"checkout-{a:D4}-5d9c7b6f4-x2k9q",
                },
                ["annotations"] = new JsonObject { ["summary"] = $"{group} on pod {a}", ["description"] = "Error budget burning at 14x for 5 minutes" },
                ["startsAt"] = now.AddMinutes(-2).ToString("O"), ["endsAt"] = "0001-01-01T00:00:00Z",
                ["generatorURL"] = "", ["fingerprint"] = $"{i:D4}{a:D12}",
            });
        return new JsonObject
        {
            ["version"] = "4", ["groupKey"] = $"{{}}:{{alertname=\"{group}\"}}", ["status"] = "firing", ["receiver"] = "chatops",
            ["groupLabels"] = new JsonObject { ["alertname"] = group },
            ["commonLabels"] = new JsonObject { ["alertname"] = group, ["severity"] = "critical", ["team"] = team, ["namespace"] = "shop", ["cluster"] = "prod-eu-1" },
            ["commonAnnotations"] = new JsonObject(), ["externalURL"] = "http://alertmanager:9093", ["truncatedAlerts"] = 0,
            ["alerts"] = alerts,
        };
    }
}
