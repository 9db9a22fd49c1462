using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatOps.Core.Alerts;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace ChatOps.Tests.Alerts;

/// <summary>
/// Real parts, started here: Debian's Prometheus evaluating a rule over a metric this test serves, Debian's
/// Alertmanager routing to the local app's receiver with a bearer token, the Ops service (range queries from that
/// Prometheus, silences in that Alertmanager), Azurite, and the fake Slack.
/// </summary>
public sealed class AlertmanagerEndToEndTests(ITestOutputHelper output)
{
    private const string OnCall = "U0ONCALL";

    private const string Rules = """
        groups:
          - name: chatops-e2e
            interval: 1s
            rules:
              - alert: CheckoutErrors
                expr: chatops_test_errors > 0
                labels:
                  severity: critical
                  service: checkout
                annotations:
                  summary: "Checkout errors: {{ $value }} per second"
                  runbook_url: https://runbooks.example.com/checkout-errors
        """;

    [Fact]
    public async Task FiringAlert_IsPostedWithGraphAndButtons_SilencedFromTheMessage_AndResolvedInPlace()
    {
        var errors = 3;
        var (metrics, metricsUrl) = await LoopbackSite.StartAsync(app =>
            app.MapGet("/metrics", () => Results.Text($"# TYPE chatops_test_errors gauge\nchatops_test_errors {Volatile.Read(ref errors)}\n")));
        await using var _m = metrics;
        await using var slack = await FakeSlackApi.StartAsync();
        await using var azurite = await Azurite.StartAsync();
        var appPort = FreePort.Next();
        await using var alertmanager = await RealAlertmanager.StartAsync($"http://127.0.0.1:{appPort}/api/alertmanager", AlertPayloads.Token);
        await using var prometheus = await RealPrometheus.StartAsync(new Uri(metricsUrl).Authority, rules: Rules, alertmanager: $"127.0.0.1:{alertmanager.Port}");
        await using var ops = await OpsServiceHost.StartAsync(prometheus.Url, "http://127.0.0.1:1", ("OpsService:AlertmanagerUrl", alertmanager.Url));
        var settings = AlertPayloads.Settings();
        settings["Ops:Endpoint"] = ops.Endpoint;
        settings["Access:Rules:0:Commands"] = "silence";
        settings["Access:Rules:0:Users"] = OnCall;
        await using var app = await LocalApp.StartAsync(azurite, slack, settings, urls: $"http://127.0.0.1:{appPort}");

        // One message, in the alert channel, with the buttons; its graph in its thread.
        var post = Assert.Single(await slack.WaitForCallsAsync("chat.postMessage", 1, TimeSpan.FromSeconds(60)));
        Assert.Equal(AlertPayloads.Channel, post.Str("channel"));
        var texts = AlertPayloads.Texts(post);
        Assert.Contains("FIRING: CheckoutErrors (critical)", texts);
        Assert.Contains("Checkout errors: 3 per second", texts);
        var upload = Assert.Single(await slack.WaitForCallsAsync("files.completeUploadExternal", 1, TimeSpan.FromSeconds(30)));
        var ts = "1700000000.000002";
        Assert.Equal(ts, upload.Form("thread_ts"));
        Assert.True(Png.Decode(Assert.Single(slack.CallsTo("upload")).Bytes).Width > 100);

        // Silence 4h from the message, as the on-call engineer.
        var elements = post.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();
        Assert.Equal("https://runbooks.example.com/checkout-errors", (string?)elements.Single(e => (string?)e!["action_id"] == AlertActions.Runbook)!["url"]);
        var fourHours = (string)elements.Single(e => (string?)e!["type"] == "static_select")!["options"]![1]!["value"]!;
        var click = AlertPayloads.MenuClick(AlertActions.Silence, fourHours, OnCall, slack.ResponseUrl("silence"), messageTs: ts);
        Assert.Equal(200, (int)(await app.PostRawSlackAsync(click, SlackRequests.SignedHeaders(click, "application/x-www-form-urlencoded"))).StatusCode);
        var answer = Assert.Single(await slack.WaitForCallsAsync("response_url", 1, TimeSpan.FromSeconds(30)));
        Assert.StartsWith(":mute: Silenced `alertname=CheckoutErrors` for 4h", answer.Str("text"));

        var listed = await alertmanager.WaitUntilAsync("/api/v2/silences", j => j!.AsArray().Count == 1, TimeSpan.FromSeconds(10));
        var silence = listed.AsArray()[0]!;
        Assert.Equal(OnCall, (string?)silence["createdBy"]);
        var matcher = Assert.Single(silence["matchers"]!.AsArray())!;
        Assert.Equal(("alertname", "CheckoutErrors", false, true),
            ((string?)matcher["name"], (string?)matcher["value"], (bool?)matcher["isRegex"], (bool?)matcher["isEqual"]));
        Assert.Contains($"Silenced by <@{OnCall}>", AlertPayloads.Texts(Assert.Single(await slack.WaitForCallsAsync("chat.update", 1))));

        var caller = new ChatOps.Core.Ops.Model.OpsCaller(OnCall, AlertPayloads.Channel, "silences");
        var active = Assert.Single(await ops.Client().ListSilencesAsync(false, caller));
        Assert.Equal((OnCall, "active"), (active.CreatedBy, active.State));

        // End the silence through the Ops service (a silenced group sends no resolved notification), then resolve.
        await ops.Client().ExpireSilenceAsync((string)silence["id"]!, new ChatOps.Core.Ops.Model.OpsCaller(OnCall, AlertPayloads.Channel, "unsilence"));
        await alertmanager.WaitUntilAsync("/api/v2/silences", j => (string?)j![0]!["status"]!["state"] == "expired", TimeSpan.FromSeconds(10));
        var resolvedAt = Stopwatch.StartNew();
        Volatile.Write(ref errors, 0);

        var updates = await slack.WaitForCallsAsync("chat.update", 2, TimeSpan.FromSeconds(60));
        output.WriteLine($"resolved notification updated the message {resolvedAt.ElapsedMilliseconds} ms after the metric dropped");
        Assert.Equal(ts, updates[1].Str("ts"));
        Assert.Contains("RESOLVED: CheckoutErrors", AlertPayloads.Texts(updates[1]));
        Assert.Contains("Resolved* after", AlertPayloads.Texts(updates[1]));
        Assert.Single(slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Storm_200Groups_AreAllPostedOnce_PacedPerChannel()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var azurite = await Azurite.StartAsync();
        var settings = AlertPayloads.Settings();
        // Slack allows about one post per second per channel; four channels at 50 ms keep the test short and still paced.
        settings["Slack:ChannelPace"] = "00:00:00.050";
        for (var i = 0; i < 3; i++)
        {
            settings[$"Alerts:Routes:{i}:Matchers"] = $"team=t{i}";
            settings[$"Alerts:Routes:{i}:Channel"] = $"C0TEAM{i}";
        }
        await using var app = await LocalApp.StartAsync(azurite, slack, settings);
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var payload = AlertPayloads.Group(groupKey: $"{{}}:{{alertname=\"Storm{i}\"}}", expr: null);
            payload["commonLabels"]!["team"] = $"t{i % 4}";
            using var request = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "api/alertmanager")
            {
                Content = new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", AlertPayloads.Token);
            using var response = await http.SendAsync(request, ct);
            Assert.Equal(200, (int)response.StatusCode);
        });
        var acked = clock.Elapsed;
        var posts = await slack.WaitForCallsAsync("chat.postMessage", 200, TimeSpan.FromSeconds(180));
        output.WriteLine($"200 groups: all acked in {acked.TotalMilliseconds:0} ms, all posted in {clock.Elapsed.TotalMilliseconds:0} ms");

        await Task.Delay(500);
        Assert.Equal(200, slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(200, posts.Select(p => p.Body).Distinct().Count());
        Assert.Equal(50, posts.Count(p => p.Str("channel") == AlertPayloads.Channel));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(50, posts.Count(p => p.Str("channel") == $"C0TEAM{i}")));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("Bearer not-the-token-not-the-token", 401)]
    public async Task OverHttp_MissingOrWrongToken_Is401_AndNothingIsPosted(string? authorization, int status)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var azurite = await Azurite.StartAsync();
        await using var app = await LocalApp.StartAsync(azurite, slack, AlertPayloads.Settings());
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, app.BaseUrl + "api/alertmanager")
        {
            Content = new StringContent(AlertPayloads.Group().ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        await Task.Delay(1000);
        Assert.Empty(slack.CallsTo("chat.postMessage"));
    }
}
