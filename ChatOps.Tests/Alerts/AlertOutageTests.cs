using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using ChatOps.Core.Alerts;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Alerts;

/// <summary>What the receiver must keep doing in a big outage: every group reaches Slack, a message never shows an
/// older state than one already shown, a group that fires again is posted anew, and a message that is gone is
/// posted again. Fake Slack, real Azurite (records, claims, the queue).</summary>
public sealed class AlertOutageTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private readonly FakeOpsClient _ops = new();
    private const string Bearer = "Bearer " + AlertPayloads.Token;
    private const string OnCall = "U0ONCALL";

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _ops.Series = [new MetricSeries(new Dictionary<string, string> { ["service"] = "checkout" },
            Enumerable.Range(0, 30).Select(i => new MetricPoint(DateTimeOffset.UtcNow.AddMinutes(i - 30), i % 5)).ToList())];
        _app = await StartAsync();
    }

    private Task<TestApp> StartAsync(Action<Dictionary<string, string>>? change = null, string? container = null)
    {
        var settings = AlertPayloads.Settings();
        settings["Access:Rules:0:Commands"] = "silence";
        settings["Access:Rules:0:Users"] = OnCall;
        if (container is not null) settings["Dedupe:Container"] = container;
        change?.Invoke(settings);
        return TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IOpsClient>(_ops));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task DeliverAsync(JsonObject payload, string messageId, TestApp? app = null)
    {
        app ??= _app;
        var call = await app.InvokeAlertmanagerAsync(payload.ToJsonString(), Bearer);
        Assert.Equal(200, call.Status);
        Assert.Equal(200, await app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: messageId));
    }

    /// <summary>Alerts [from, to) of the payload resolved at <paramref name="endsAt"/>, the group's status following.</summary>
    private static JsonObject Resolve(JsonObject payload, int from, int to, DateTimeOffset endsAt)
    {
        var alerts = payload["alerts"]!.AsArray();
        for (var i = from; i < to; i++)
        {
            alerts[i]!["status"] = "resolved";
            alerts[i]!["endsAt"] = endsAt.ToString("O");
        }
        payload["status"] = alerts.Any(a => (string?)a!["status"] == "firing") ? "firing" : "resolved";
        return payload;
    }

    private static string Texts(RecordedCall call) => AlertPayloads.Texts(call);

    /// <summary>The ts the fake Slack answered this call with (it numbers calls in order).</summary>
    private string TsOf(RecordedCall call) => $"1700000000.{_slack.Calls.ToList().IndexOf(call) + 1:D6}";

    [Fact]
    public async Task AThousandAlertGroup_FitsAQueueMessage_AndIsPostedOnce_WithCountsPerState()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-20);
        var payload = Resolve(AlertPayloads.Group(alerts: 1000, startsAt: starts), 990, 1000, starts.AddMinutes(5));
        var body = payload.ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(body) > 300_000);

        var call = await _app.InvokeAlertmanagerAsync(body, Bearer);

        Assert.Equal(200, call.Status);
        // Through a real queue (Azurite refuses a message over 64 KB, as Azure does) and back to the worker.
        var queue = new QueueClient((await Azurite.SharedAsync()).ConnectionString, "alerts-" + Guid.NewGuid().ToString("N")[..8],
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateAsync();
        await queue.SendMessageAsync(call.Message!.ToJsonString());
        var queued = Assert.Single((await queue.ReceiveMessagesAsync(1)).Value);
        Assert.Equal(200, await _app.InvokeWorkerAsync(queued.Body.ToString(), messageId: "big-1"));

        var post = Assert.Single(_slack.CallsTo("chat.postMessage"), p => p.Str("thread_ts") is null);
        var texts = Texts(post);
        Assert.Contains("990 firing", texts);
        Assert.Contains("10 resolved", texts);
        Assert.Contains("and 992 more alerts", texts);
        // The claim check is removed once the group is posted.
        Assert.DoesNotContain(await _app.DedupeKeysAsync(), n => n.StartsWith("alertbody-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyOverAlertsMaxBodyBytes_Is413_NamingTheSetting()
    {
        await using var app = await StartAsync(s => s["Alerts:MaxBodyBytes"] = "200000");

        var call = await app.InvokeAlertmanagerAsync(AlertPayloads.Group(alerts: 1000).ToJsonString(), Bearer);

        Assert.Equal(413, call.Status);
        Assert.Contains("Alerts__MaxBodyBytes", call.Body);
        Assert.Null(call.Message);
    }

    [Fact]
    public async Task AGroupThatFiresAgainAfterResolving_GetsANewMessage_WithItsGraph_LinkingThePrevious()
    {
        var first = DateTimeOffset.UtcNow.AddMinutes(-50);
        await DeliverAsync(AlertPayloads.Group(startsAt: first), "m-1");
        await DeliverAsync(AlertPayloads.Group("resolved", startsAt: first, endsAt: first.AddMinutes(10)), "m-2");
        await DeliverAsync(AlertPayloads.Group(startsAt: first.AddMinutes(30)), "m-3");

        var tops = _slack.CallsTo("chat.postMessage").Where(p => p.Str("thread_ts") is null).ToList();
        Assert.Equal(2, tops.Count);
        Assert.Contains("FIRING: HighErrorRate", Texts(tops[1]));
        // The first message was last shown resolved, and nothing set it back.
        var firstTs = "1700000000.000002";
        var updates = _slack.CallsTo("chat.update").Where(u => u.Str("ts") == firstTs).ToList();
        Assert.Contains("RESOLVED", Texts(updates[^1]));
        Assert.DoesNotContain(_slack.CallsTo("chat.update"), u => Texts(u).Contains("FIRING"));
        // The new message has its own graph and, in its thread, a link to the earlier episode.
        Assert.Equal(2, _slack.CallsTo("files.completeUploadExternal").Count);
        var thread = _slack.CallsTo("chat.postMessage").Where(p => p.Str("thread_ts") == TsOf(tops[1])).Select(p => p.Str("text") ?? "").ToList();
        Assert.Contains(thread, t => t.Contains("fired before", StringComparison.Ordinal) && t.Contains("p1700000000000002", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOlderNotificationArrivingLate_NeverSetsAResolvedMessageBackToFiring()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-40);
        var one = AlertPayloads.Group(alerts: 2, startsAt: starts);
        one["alerts"]!.AsArray().RemoveAt(1);
        var two = AlertPayloads.Group(alerts: 2, startsAt: starts);
        two["alerts"]![1]!["startsAt"] = starts.AddMinutes(5).ToString("O");
        var resolved = Resolve(AlertPayloads.Group(alerts: 2, startsAt: starts), 0, 2, starts.AddMinutes(20));
        resolved["alerts"]![1]!["startsAt"] = starts.AddMinutes(5).ToString("O");

        await DeliverAsync(one, "m-1");
        await DeliverAsync(resolved, "m-2");
        // The second firing notification was held back (a 429 wait, a retry) and comes after the resolve.
        await DeliverAsync(two, "m-3");

        Assert.Single(_slack.CallsTo("chat.postMessage"), p => p.Str("thread_ts") is null);
        var updates = _slack.CallsTo("chat.update");
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Contains("RESOLVED", Texts(u)));
    }

    [Fact]
    public async Task ASilenceClickRacingTheResolve_LeavesTheMessageResolved()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-40);
        var firing = AlertPayloads.Group(startsAt: starts, expr: null);
        await DeliverAsync(firing, "m-1");
        var groupId = AlertPayload.Read(Encoding.UTF8.GetBytes(firing.ToJsonString())).Notification!.GroupId();
        var pick = AlertPayloads.MenuClick(AlertActions.Silence, AlertActions.SilenceValue(TimeSpan.FromHours(1), groupId), OnCall, _slack.ResponseUrl("s0"));
        var picked = await _app.InvokeSlackAsync(pick, SlackRequests.SignedHeaders(pick, "application/x-www-form-urlencoded"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(picked.Message!.ToJsonString(), messageId: "pick-1"));
        var prompt = _slack.CallsTo("chat.postMessage").Single(p => p.Str("thread_ts") is not null && (p.Str("text") ?? "").Contains("wants to run"));
        var confirm = (string)prompt.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray()
            .Single(e => (string?)e!["action_id"] == "chatops.confirm")!["value"]!;
        var form = SlackRequests.BlockActions("chatops.confirm", confirm, OnCall, AlertPayloads.Channel, _slack.ResponseUrl("s1"));
        var click = await _app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));

        // The silence takes a while at Alertmanager; the resolve lands in between.
        _ops.CreateSilenceDelay = TimeSpan.FromMilliseconds(1500);
        var clicking = _app.InvokeWorkerAsync(click.Message!.ToJsonString(), messageId: "click-1");
        await Task.Delay(300);
        var call = await _app.InvokeAlertmanagerAsync(AlertPayloads.Group("resolved", startsAt: starts, endsAt: starts.AddMinutes(30), expr: null).ToJsonString(), Bearer);
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: "m-2"));
        Assert.Equal(200, await clicking);

        var updates = _slack.CallsTo("chat.update");
        Assert.Contains("RESOLVED", Texts(updates[^1]));
        Assert.DoesNotContain("FIRING", Texts(updates[^1]));
        Assert.DoesNotContain("SILENCED", Texts(updates[^1]));
        Assert.Single(_ops.Silences);
    }

    [Theory]
    [InlineData("message_not_found")]
    [InlineData("channel_not_found")]
    [InlineData("is_archived")]
    public async Task AMessageThatIsGone_IsPostedAgain_NotPoisoned(string error)
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-20);
        await DeliverAsync(AlertPayloads.Group(startsAt: starts, expr: null), "m-1");
        _slack.Script("chat.update", _ => FakeSlackApi.SlackError(error));

        await DeliverAsync(AlertPayloads.Group(alerts: 2, startsAt: starts, expr: null), "m-2");

        var tops = _slack.CallsTo("chat.postMessage").Where(p => p.Str("thread_ts") is null).ToList();
        Assert.Equal(2, tops.Count);
        Assert.Contains("2 firing", Texts(tops[1]));
        // The next notification updates the new message.
        await DeliverAsync(Resolve(AlertPayloads.Group(alerts: 2, startsAt: starts, expr: null), 0, 2, starts.AddMinutes(15)), "m-3");
        var last = _slack.CallsTo("chat.update")[^1];
        Assert.Equal(TsOf(tops[1]), last.Str("ts"));
        Assert.Contains("RESOLVED", Texts(last));
    }

    [Fact]
    public async Task ARouteNowNamingAnotherChannel_PostsTheNextNotificationThere()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-20);
        var container = "dedupe-" + Guid.NewGuid().ToString("N")[..12];
        await using var before = await StartAsync(container: container);
        await DeliverAsync(AlertPayloads.Group(startsAt: starts, expr: null), "m-1", before);
        await using var after = await StartAsync(s => s["Alerts:DefaultChannel"] = "C0MOVED01", container);

        await DeliverAsync(AlertPayloads.Group(alerts: 2, startsAt: starts, expr: null), "m-2", after);

        var tops = _slack.CallsTo("chat.postMessage").Where(p => p.Str("thread_ts") is null).ToList();
        Assert.Equal(["C0ALERTS1", "C0MOVED01"], tops.Select(p => p.Str("channel")));
        Assert.DoesNotContain(_slack.CallsTo("chat.update"), u => u.Str("channel") == "C0ALERTS1" && Texts(u).Contains("2 firing"));
    }
}
