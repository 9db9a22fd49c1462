using System.Text.Json.Nodes;
using ChatOps.Core.Alerts;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.OnCall;

/// <summary>A paging alert's new message mentions whoever is on call, who is DMed a link to it; unacknowledged, the
/// escalation levels follow one by one, each once; acknowledging stops them. Fake Slack, real Azurite; the queue's
/// delayed messages are kept by the test, which delivers them when it wants "later" to be.</summary>
public sealed class PagingTests : IAsyncLifetime
{
    private const string Bearer = "Bearer " + AlertPayloads.Token;
    private const string Ts = "1700000000.000002";
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private readonly RecordingFollowUps _later = new();
    private Dictionary<string, string> _settings = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.GroupMembers = ["U0DBA1", "U0DBA2"];
        var settings = AlertPayloads.Settings();
        settings["OnCall:Schedules:payments:Rotation"] = "U0ALICE";
        settings["OnCall:Schedules:payments:Handoff"] = "09:00";
        settings["OnCall:Schedules:payments:Length"] = "1d";
        settings["OnCall:Schedules:payments:TimeZone"] = "Europe/Berlin";
        settings["OnCall:Schedules:payments:Start"] = "2026-01-01";
        settings["OnCall:Schedules:platform:Rotation"] = "U0BOB";
        settings["OnCall:Schedules:platform:Handoff"] = "Mon 09:00";
        settings["OnCall:Schedules:platform:Length"] = "1w";
        settings["OnCall:Schedules:platform:TimeZone"] = "UTC";
        settings["OnCall:Schedules:platform:Start"] = "2026-01-05";
        settings["Alerts:Routes:0:Matchers"] = "service=checkout";
        settings["Alerts:Routes:0:Channel"] = AlertPayloads.Channel;
        settings["Alerts:Routes:0:Schedule"] = "payments";
        settings["Alerts:Routes:0:EscalateAfter"] = "5m";
        settings["Alerts:Routes:0:EscalateTo"] = "platform,S0DBAS";
        settings["Access:Rules:0:Commands"] = "silence";
        settings["Access:Rules:0:Users"] = "U0ALICE";
        _settings = new Dictionary<string, string>(settings);
        _app = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IFollowUps>(_later));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task NotifyAsync(JsonObject payload, string messageId)
    {
        var call = await _app.InvokeAlertmanagerAsync(payload.ToJsonString(), Bearer);
        Assert.Equal(200, call.Status);
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: messageId));
    }

    /// <summary>Delivers the next delayed step, checking it was queued with <paramref name="delay"/>.</summary>
    private async Task<AlertEscalation> DeliverStepAsync(TimeSpan delay, string? messageId = null)
    {
        var (envelope, queuedDelay) = _later.Next() ?? throw new Xunit.Sdk.XunitException("no step was queued");
        Assert.Equal(delay, queuedDelay);
        Assert.Equal(200, await _app.InvokeWorkerAsync(envelope, messageId: messageId ?? Guid.NewGuid().ToString("N")));
        return envelope.Escalation!;
    }

    private List<RecordedCall> DmsTo(string user) => _slack.CallsTo("chat.postMessage").Where(c => c.Str("channel") == user).ToList();

    private List<RecordedCall> Thread() => _slack.CallsTo("chat.postMessage").Where(c => c.Str("thread_ts") == Ts).ToList();

    [Fact]
    public async Task ACriticalAlert_MentionsTheOnCallPerson_WhoIsDMedALinkToTheMessage()
    {
        await NotifyAsync(AlertPayloads.Group(expr: null), "m-1");

        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.StartsWith("<@U0ALICE> FIRING: HighErrorRate", post.Str("text"));
        Assert.Contains(":rotating_light: Paged <@U0ALICE> (on call, `payments`)", AlertPayloads.Texts(post));
        var step = await DeliverStepAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, step.Level);
        var dm = Assert.Single(DmsTo("U0ALICE"));
        Assert.Contains("You are on call for `payments`", dm.Str("text"));
        Assert.Contains("<https://slack.com/archives/C0ALERTS1/p1700000000000002|open the alert>", dm.Str("text"));
        // The summary's <!channel> from the alert stays escaped in the DM too.
        Assert.DoesNotContain("<!channel>", dm.Str("text"));
        // The next level is queued with the route's delay.
        Assert.Equal((2, TimeSpan.FromMinutes(5)), (_later.Queued.Single().Envelope.Escalation!.Level, _later.Queued.Single().Delay));
    }

    [Fact]
    public async Task Unacknowledged_EachLevelIsMentionedInTheThreadAndDMed_ThenTheChannelIsToldNobodyAcknowledged()
    {
        await NotifyAsync(AlertPayloads.Group(expr: null), "m-1");
        await DeliverStepAsync(TimeSpan.FromSeconds(1));

        await DeliverStepAsync(TimeSpan.FromMinutes(5));
        var second = Assert.Single(Thread());
        Assert.Contains("<@U0BOB>: not acknowledged after 5m00s, escalating to you (level 2)", second.Str("text"));
        Assert.Contains("Escalated to you (level 2", Assert.Single(DmsTo("U0BOB")).Str("text"));
        Assert.Contains("escalated to <@U0BOB>", AlertPayloads.Texts(_slack.CallsTo("chat.update")[^1]));

        await DeliverStepAsync(TimeSpan.FromMinutes(5));
        Assert.Contains("<!subteam^S0DBAS>", Thread()[^1].Str("text"));
        Assert.Single(DmsTo("U0DBA1"));
        Assert.Single(DmsTo("U0DBA2"));

        await DeliverStepAsync(TimeSpan.FromMinutes(5));
        var last = _slack.CallsTo("chat.postMessage")[^1];
        Assert.Null(last.Str("thread_ts"));
        Assert.Equal(AlertPayloads.Channel, last.Str("channel"));
        Assert.Contains("Nobody acknowledged", last.Str("text"));
        Assert.Empty(_later.Queued);
    }

    [Fact]
    public async Task AnAcknowledgedAlert_IsNotEscalated()
    {
        await NotifyAsync(AlertPayloads.Group(expr: null), "m-1");
        await DeliverStepAsync(TimeSpan.FromSeconds(1));
        var form = AlertPayloads.ButtonClick(AlertActions.Acknowledge, GroupId(), "U0ALICE", _slack.ResponseUrl("ack"));
        var click = await _app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(click.Message!.ToJsonString(), messageId: "click-1"));

        await DeliverStepAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(Thread());
        Assert.Empty(DmsTo("U0BOB"));
        Assert.Empty(_later.Queued);
    }

    [Fact]
    public async Task AResolvedAlert_IsNotEscalated()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-10);
        await NotifyAsync(AlertPayloads.Group(startsAt: starts, expr: null), "m-1");
        await DeliverStepAsync(TimeSpan.FromSeconds(1));
        await NotifyAsync(AlertPayloads.Group("resolved", startsAt: starts, endsAt: starts.AddMinutes(5), expr: null), "m-2");

        await DeliverStepAsync(TimeSpan.FromMinutes(5));

        Assert.Empty(Thread());
        Assert.Empty(_later.Queued);
    }

    [Fact]
    public async Task AStepDeliveredTwice_OrRetriedAfterItsDMFailed_MentionsTheNextLevelOnce()
    {
        await NotifyAsync(AlertPayloads.Group(expr: null), "m-1");
        await DeliverStepAsync(TimeSpan.FromSeconds(1));
        var (step, _) = _later.Next()!.Value;
        // The worker's DM to Bob fails after the thread was told: as if it died there. The queue shows the message again.
        _slack.Script("chat.postMessage", _ => Results.Json(new JsonObject { ["ok"] = true, ["ts"] = "1700000009.000001" }), _ => FakeSlackApi.SlackError("internal_error"));
        Assert.Equal(500, await _app.InvokeWorkerAsync(step, messageId: "esc-2"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(step, dequeueCount: 2, messageId: "esc-2"));
        // And the same step queued a second time (a retried post) is claimed already.
        Assert.Equal(200, await _app.InvokeWorkerAsync(step, messageId: "esc-2-again"));

        Assert.Single(Thread(), c => (c.Str("text") ?? "").Contains("<@U0BOB>", StringComparison.Ordinal));
        Assert.Equal(2, DmsTo("U0BOB").Count); // the refused one and the one that went out
        // Level 3 was queued by both runs; it is one step, run once.
        var thirds = _later.Queued.Where(q => q.Envelope.Escalation!.Level == 3).Select(q => q.Envelope).ToList();
        Assert.Equal(2, thirds.Count);
        foreach (var third in thirds) Assert.Equal(200, await _app.InvokeWorkerAsync(third, messageId: Guid.NewGuid().ToString("N")));
        Assert.Single(Thread(), c => (c.Str("text") ?? "").Contains("<!subteam^S0DBAS>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorkerGoneAfterThePost_TheChainGoesOnFromTheQueue_OnAnotherInstance_OnceEachStep()
    {
        await NotifyAsync(AlertPayloads.Group(expr: null), "m-1");
        var dedupe = (await _app.DedupeKeysAsync()).Count > 0 ? _app.Dedupe.Name : throw new Xunit.Sdk.XunitException("no records");
        // The instance that posted is gone; a fresh one, on the same storage, takes the queued steps.
        await _app.DisposeAsync();
        var settings = new Dictionary<string, string>(_settings) { ["Dedupe:Container"] = dedupe };
        _app = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IFollowUps>(_later));
        await using var other = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IFollowUps>(_later));

        await DeliverStepAsync(TimeSpan.FromSeconds(1), "step-1");
        var (second, _) = _later.Next()!.Value;
        // Two instances get the level-2 step (it was queued twice, or delivered twice): one escalation.
        await Task.WhenAll(_app.InvokeWorkerAsync(second, messageId: "step-2a"), other.InvokeWorkerAsync(second, messageId: "step-2b"));

        Assert.Single(DmsTo("U0ALICE"));
        Assert.Single(Thread());
        Assert.Single(DmsTo("U0BOB"));
    }

    [Fact]
    public async Task UpdatesOfAPagingGroup_AndAWarning_PageNobody()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-10);
        await NotifyAsync(AlertPayloads.Group(startsAt: starts, expr: null), "m-1");
        await NotifyAsync(AlertPayloads.Group(alerts: 3, startsAt: starts, expr: null), "m-2");
        await NotifyAsync(AlertPayloads.Group(alerts: 30, startsAt: starts, expr: null), "m-3");
        Assert.Single(_later.Queued);

        var warning = AlertPayloads.Group(groupKey: "{}:{alertname=\"SlowCheckout\"}", expr: null);
        warning["commonLabels"]!["severity"] = "warning";
        foreach (var alert in warning["alerts"]!.AsArray()) alert!["labels"]!["severity"] = "warning";
        await NotifyAsync(warning, "m-4");

        Assert.Single(_later.Queued);
        var posted = _slack.CallsTo("chat.postMessage").Where(c => c.Str("thread_ts") is null).ToList();
        Assert.Equal(2, posted.Count);
        Assert.DoesNotContain("<@", posted[1].Str("text"));
        Assert.DoesNotContain("Paged", AlertPayloads.Texts(posted[1]));
    }

    private static string GroupId() =>
        AlertPayload.Read(System.Text.Encoding.UTF8.GetBytes(AlertPayloads.Group(expr: null).ToJsonString())).Notification!.GroupId();
}
