using System.Text.Json.Nodes;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.OnCall;
using ChatOps.Core.Worker;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.OnCall;

/// <summary>An escalation step that Slack slows down or partly refuses: a 429 halfway through a group's DMs does not DM
/// the first members again; a person who cannot be DMed (deactivated, a bot) is skipped and named in the thread while
/// the others are DMed; a step that fails for good names its alert; `next` after an override holder is the shift's
/// person, not the rotation's first. Fake Slack, real Azurite, the test delivers the queued steps.</summary>
public sealed class EscalationRetryTests : IAsyncLifetime
{
    private const string Bearer = "Bearer " + AlertPayloads.Token;
    private const string Ts = "1700000000.000002";
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private readonly RecordingFollowUps _later = new();

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _slack.GroupMembers = ["U0DBA1", "U0DBA2", "U0DBA3"];
        var settings = AlertPayloads.Settings();
        settings["OnCall:Schedules:payments:Rotation"] = "U0ALICE,U0BOB,U0CAROL";
        // Started yesterday: today's shift is the rotation's second person, so "the rotation's first" is someone else.
        settings["OnCall:Schedules:payments:Handoff"] = "00:00";
        settings["OnCall:Schedules:payments:Length"] = "1d";
        settings["OnCall:Schedules:payments:TimeZone"] = "UTC";
        settings["OnCall:Schedules:payments:Start"] = DateTime.UtcNow.Date.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        settings["OnCall:Schedules:platform:Rotation"] = "U0DAN";
        settings["OnCall:Schedules:platform:Handoff"] = "09:00";
        settings["OnCall:Schedules:platform:Length"] = "1d";
        settings["OnCall:Schedules:platform:TimeZone"] = "UTC";
        settings["OnCall:Schedules:platform:Start"] = "2026-01-01";
        settings["Alerts:Routes:0:Matchers"] = "service=checkout";
        settings["Alerts:Routes:0:Channel"] = AlertPayloads.Channel;
        settings["Alerts:Routes:0:Schedule"] = "payments";
        settings["Alerts:Routes:0:EscalateAfter"] = "5m";
        settings["Alerts:Routes:0:EscalateTo"] = "next,S0DBAS";
        _app = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IFollowUps>(_later));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task NotifyAsync()
    {
        var call = await _app.InvokeAlertmanagerAsync(AlertPayloads.Group(expr: null).ToJsonString(), Bearer);
        Assert.Equal(200, call.Status);
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: "m-1"));
    }

    private CommandEnvelope StepOf(int level) => _later.Queued.Last(q => q.Envelope.Escalation!.Level == level).Envelope;

    private async Task RunAsync(int level, int status = 200) =>
        Assert.Equal(status, await _app.InvokeWorkerAsync(StepOf(level), messageId: Guid.NewGuid().ToString("N")));

    private List<RecordedCall> DmsTo(string user) => _slack.CallsTo("chat.postMessage").Where(c => c.Str("channel") == user).ToList();

    private List<RecordedCall> Thread() => _slack.CallsTo("chat.postMessage").Where(c => c.Str("thread_ts") == Ts).ToList();

    private static IResult Posted() => Results.Json(new JsonObject { ["ok"] = true, ["ts"] = "1700000009.000001" });

    private string ShiftPerson() =>
        Rotation.ShiftAt(_app.Services.GetRequiredService<OnCallSchedules>().Find("payments")!, DateTimeOffset.UtcNow)!.User;

    [Fact]
    public async Task A429HalfwayThroughAGroupsDMs_DMsEveryMember_AndMentionsTheLevelOnce()
    {
        await NotifyAsync();
        await RunAsync(1);
        await RunAsync(2);
        // Level 3: the thread line, then DBA1, then Slack slows the bot down on DBA2.
        _slack.Script("chat.postMessage", _ => Posted(), _ => Posted(), _ => FakeSlackApi.RateLimited(60));
        await RunAsync(3);
        await RunAsync(3); // the step, back after the wait (past the client's own retries)

        // The step's DMs are sent again after the wait: a second DM to the first member rather than a claim that could
        // leave someone unpaged if a worker died holding it.
        Assert.Equal(2, DmsTo("U0DBA1").Count);
        Assert.Equal(2, DmsTo("U0DBA2").Count); // the slowed-down one and the one that went out
        Assert.Single(DmsTo("U0DBA3"));
        Assert.Single(Thread(), c => (c.Str("text") ?? "").Contains("<!subteam^S0DBAS>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APersonWhoCannotBeDMed_IsNamedInTheThread_AndTheOthersAreStillDMed()
    {
        await NotifyAsync();
        await RunAsync(1);
        await RunAsync(2);
        _slack.Script("chat.postMessage", _ => Posted(), _ => FakeSlackApi.SlackError("user_not_found"));
        await RunAsync(3);

        Assert.Single(DmsTo("U0DBA2"));
        Assert.Single(DmsTo("U0DBA3"));
        Assert.Contains(Thread(), c => (c.Str("text") ?? "").Contains("Could not DM <@U0DBA1>", StringComparison.Ordinal));
        Assert.Contains(_later.Queued, q => q.Envelope.Escalation!.Level == 4); // the chain goes on
    }

    [Fact]
    public async Task AStepThatFailsForGood_NamesItsAlert_InThePoisonNotice()
    {
        await NotifyAsync();
        var step = StepOf(1);
        var text = PoisonNotifier.Message(step).Text;
        Assert.Contains("Paging level 1", text);
        Assert.Contains("HighErrorRate", text);
        Assert.DoesNotContain("`help`", text);
    }

    [Fact]
    public async Task NextAfterAnOverrideHolder_IsTheShiftsPerson_NotTheRotationsFirst()
    {
        var shift = ShiftPerson();
        Assert.Equal("U0BOB", shift);
        var now = DateTimeOffset.UtcNow;
        await _app.Services.GetRequiredService<IOnCallOverrides>().SaveAsync(
            new OnCallOverride("o-1", "payments", "U0DAN", now.AddHours(-1), now.AddDays(2), "U0ALICE", "U0BOB", now.AddHours(-1)));
        await NotifyAsync();
        await RunAsync(1);
        Assert.Single(DmsTo("U0DAN"));

        await RunAsync(2);
        Assert.Contains($"<@{shift}>: not acknowledged", Assert.Single(Thread()).Str("text"));
        Assert.Single(DmsTo(shift));
    }

    [Fact]
    public async Task AMessageThatWasNeverPosted_IsWaitedForLessAndLessOften()
    {
        // The bot is not in the route's channel: the post fails for good, after step 1 was queued.
        _slack.Script("chat.postMessage", _ => FakeSlackApi.SlackError("channel_not_found"));
        var call = await _app.InvokeAlertmanagerAsync(AlertPayloads.Group(expr: null).ToJsonString(), Bearer);
        await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: "m-1");

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            await RunAsync(1);
            waits.Add(_later.Queued[^1].Delay);
        }
        Assert.Equal([3, 6, 12, 24], waits.Select(w => (int)w.TotalSeconds));
    }
}
