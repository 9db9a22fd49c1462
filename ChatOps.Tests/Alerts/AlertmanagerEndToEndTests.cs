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

    /// <summary>One series per pod: 300 alerts of one group (group_by alertname) while <paramref name="errors"/> is above 0.</summary>
    private static string Metrics(int errors) =>
        "# TYPE chatops_test_errors gauge\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"chatops_test_errors{{pod=\"checkout-{i:D3}\"}} {errors}\n"));

    [Fact]
    public async Task A300AlertGroup_IsPostedOnce_OwnedSilencedAndUnsilencedInPlace_AndFiringAgainIsANewMessage()
    {
        var errors = 3;
        var (metrics, metricsUrl) = await LoopbackSite.StartAsync(app => app.MapGet("/metrics", () => Results.Text(Metrics(Volatile.Read(ref errors)))));
        await using var _m = metrics;
        await using var slack = await FakeSlackApi.StartAsync();
        await using var azurite = await Azurite.StartAsync();
        var appPort = FreePort.Next();
        await using var alertmanager = await RealAlertmanager.StartAsync($"http://127.0.0.1:{appPort}/api/alertmanager", AlertPayloads.Token);
        await using var prometheus = await RealPrometheus.StartAsync(new Uri(metricsUrl).Authority, rules: Rules, alertmanager: $"127.0.0.1:{alertmanager.Port}");
        await using var ops = await OpsServiceHost.StartAsync(prometheus.Url, "http://127.0.0.1:1", ("OpsService:AlertmanagerUrl", alertmanager.Url));
        var settings = AlertPayloads.Settings();
        settings["Ops:Endpoint"] = ops.Endpoint;
        settings["Access:Rules:0:Commands"] = "silence,unsilence";
        settings["Access:Rules:0:Users"] = OnCall;
        await using var app = await LocalApp.StartAsync(azurite, slack, settings, urls: $"http://127.0.0.1:{appPort}");
        string Top(int i) => AlertPayloads.Texts(slack.CallsTo("chat.postMessage").Where(p => p.Str("thread_ts") is null).ElementAt(i));
        async Task<string> ShownAsync(Func<string, bool> condition, string what)
        {
            for (var i = 0; i < 600; i++, await Task.Delay(100))
            {
                var shown = slack.CallsTo("chat.update").Select(AlertPayloads.Texts).LastOrDefault() ?? Top(0);
                if (condition(shown)) return shown;
            }
            throw new TimeoutException($"the message never showed {what}");
        }

        // One message for the 300 alerts (a notification far over a queue message), with its count and its graph.
        await slack.WaitForCallsAsync("chat.postMessage", 1, TimeSpan.FromSeconds(60));
        var shown = await ShownAsync(t => t.Contains("*300 firing*"), "300 firing");
        Assert.Contains("FIRING: CheckoutErrors (critical)", shown);
        Assert.Contains("and 292 more alerts", shown);
        Assert.Single(await slack.WaitForCallsAsync("files.completeUploadExternal", 1, TimeSpan.FromSeconds(30)));
        var post = slack.CallsTo("chat.postMessage").Single(p => p.Str("thread_ts") is null);
        var ts = $"1700000000.{slack.Calls.ToList().IndexOf(post) + 1:D6}";
        Assert.Equal("1700000000.000002", ts);

        async Task ClickAsync(string form)
        {
            var answered = slack.CallsTo("response_url").Count;
            Assert.Equal(200, (int)(await app.PostRawSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"))).StatusCode);
            await slack.WaitForCallsAsync("response_url", answered + 1, TimeSpan.FromSeconds(30));
        }
        var groupId = (string)post.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray()
            .Single(e => (string?)e!["action_id"] == AlertActions.Acknowledge)!["value"]!;

        // I'm on it.
        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Acknowledge, groupId, OnCall, slack.ResponseUrl("ack"), triggerId: "1.1.ack"));
        await ShownAsync(t => t.Contains($"<@{OnCall}> is on it"), "the owner");

        // Silence 4h from the message: Alertmanager lists it, created as the on-call engineer, by the labels the alerts share.
        // The pick asks for a confirmation in the alert's thread, previewing the matchers; Confirm makes the silence.
        await ClickAsync(AlertPayloads.MenuClick(AlertActions.Silence, AlertActions.SilenceValue(TimeSpan.FromHours(4), groupId), OnCall,
            slack.ResponseUrl("silence"), messageTs: ts, triggerId: "2.2.silence"));
        var prompt = slack.CallsTo("chat.postMessage").Single(p => p.Str("thread_ts") == ts && (p.Str("text") ?? "").Contains("wants to run"));
        Assert.Contains("alertname=CheckoutErrors", prompt.Str("text"));
        var confirm = (string)prompt.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray()
            .Single(e => (string?)e!["action_id"] == "chatops.confirm")!["value"]!;
        await ClickAsync(SlackRequests.BlockActions("chatops.confirm", confirm, OnCall, AlertPayloads.Channel, slack.ResponseUrl("confirm"),
            triggerId: "2.3.confirm"));
        Assert.StartsWith(":mute: Silenced `alertname=CheckoutErrors,", slack.CallsTo("response_url")[^1].Str("text"));
        var listed = await alertmanager.WaitUntilAsync("/api/v2/silences", j => j!.AsArray().Count == 1, TimeSpan.FromSeconds(10));
        var silence = listed.AsArray()[0]!;
        Assert.Equal(OnCall, (string?)silence["createdBy"]);
        var matchers = silence["matchers"]!.AsArray().Select(m => $"{m!["name"]}={m["value"]}").ToList();
        Assert.Contains("alertname=CheckoutErrors", matchers);
        Assert.Contains("service=checkout", matchers);
        Assert.DoesNotContain(matchers, m => m.StartsWith("pod=", StringComparison.Ordinal));
        shown = await ShownAsync(t => t.Contains("SILENCED: CheckoutErrors"), "silenced");
        Assert.Contains($"<@{OnCall}> is on it", shown);
        Assert.Contains("Unsilence", shown);

        // Unsilence from the message: Alertmanager shows the silence expired, the message fires again.
        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Unsilence, groupId, OnCall, slack.ResponseUrl("unsilence"), triggerId: "3.3.unsilence"));
        await alertmanager.WaitUntilAsync("/api/v2/silences", j => (string?)j![0]!["status"]!["state"] == "expired", TimeSpan.FromSeconds(10));
        await ShownAsync(t => t.Contains("FIRING: CheckoutErrors") && !t.Contains("Silenced by"), "firing again");

        // Resolve: the same message.
        var resolvedAt = Stopwatch.StartNew();
        Volatile.Write(ref errors, 0);
        shown = await ShownAsync(t => t.Contains("RESOLVED: CheckoutErrors"), "resolved");
        output.WriteLine($"resolved notification updated the message {resolvedAt.ElapsedMilliseconds} ms after the metric dropped");
        Assert.Contains("Resolved* after", shown);
        Assert.Contains($"owner <@{OnCall}>", shown);
        Assert.All(slack.CallsTo("chat.update"), u => Assert.Equal(ts, u.Str("ts")));

        // Fires again: a second message, with its own graph and a link to the first; the first stays resolved.
        Volatile.Write(ref errors, 5);
        for (var i = 0; i < 600 && slack.CallsTo("chat.postMessage").Count(p => p.Str("thread_ts") is null) < 2; i++) await Task.Delay(100);
        Assert.Equal(2, slack.CallsTo("chat.postMessage").Count(p => p.Str("thread_ts") is null));
        Assert.Contains("FIRING: CheckoutErrors", Top(1));
        await slack.WaitForCallsAsync("files.completeUploadExternal", 2, TimeSpan.FromSeconds(30));
        Assert.Contains(slack.CallsTo("chat.postMessage"), p => (p.Str("text") ?? "").Contains("p1700000000000002", StringComparison.Ordinal));
        Assert.Contains("RESOLVED", AlertPayloads.Texts(slack.CallsTo("chat.update").Last(u => u.Str("ts") == ts)));
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
