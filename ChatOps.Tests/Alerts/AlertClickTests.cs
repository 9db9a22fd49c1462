using System.Text.Json.Nodes;
using ChatOps.Core.Alerts;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Alerts;

/// <summary>Silence, Show traces and Runbook on an alert message, through the interactivity path.</summary>
public sealed class AlertClickTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private readonly FakeOpsClient _ops = new();
    private const string OnCall = "U0ONCALL";
    private string _groupId = "";

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        var settings = AlertPayloads.Settings();
        settings["Access:Rules:0:Commands"] = "silence,unsilence";
        settings["Access:Rules:0:Users"] = OnCall;
        _app = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IOpsClient>(_ops));
        var payload = AlertPayloads.Group(startsAt: DateTimeOffset.Parse("2026-12-01T10:00:00Z"), expr: null);
        var call = await _app.InvokeAlertmanagerAsync(payload.ToJsonString(), "Bearer " + AlertPayloads.Token);
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: "alert-1"));
        _groupId = AlertPayload.Read(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())).Notification!.GroupId();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<SlackCall> ClickAsync(string form)
    {
        var call = await _app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));
        Assert.Equal(200, call.Status);
        if (call.Message is { } message) Assert.Equal(200, await _app.InvokeWorkerAsync(message.ToJsonString(), messageId: "click-" + Guid.NewGuid()));
        return call;
    }

    private string Answer() => Assert.Single(_slack.CallsTo("response_url")).Str("text") ?? "";

    [Fact]
    public void TheMessage_OffersTheSilenceMenu_ShowTraces_AndTheRunbookLink()
    {
        var actions = _slack.CallsTo("chat.postMessage")[0].Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();

        Assert.Contains(actions, e => (string?)e!["action_id"] == AlertActions.Traces);
        var runbook = actions.Single(e => (string?)e!["action_id"] == AlertActions.Runbook)!;
        Assert.Equal("https://runbooks.example.com/high-error-rate", (string?)runbook["url"]);
        var menu = actions.Single(e => (string?)e!["type"] == "static_select")!;
        Assert.Equal(["Silence 1h", "Silence 4h", "Silence 24h"], menu["options"]!.AsArray().Select(o => (string)o!["text"]!["text"]!));
        Assert.All(menu["options"]!.AsArray(), o => Assert.True(((string)o!["value"]!).Length <= 150));
    }

    /// <summary>Picks Silence on the alert message; returns the confirmation prompt posted in its thread.</summary>
    private async Task<RecordedCall> PickAsync(TimeSpan duration, string user, string responseUrlId)
    {
        var before = _slack.CallsTo("chat.postMessage").Count;
        await ClickAsync(AlertPayloads.MenuClick(AlertActions.Silence, AlertActions.SilenceValue(duration, _groupId), user, _slack.ResponseUrl(responseUrlId)));
        return Assert.Single(_slack.CallsTo("chat.postMessage").Skip(before));
    }

    private static string ConfirmValue(RecordedCall prompt) =>
        (string)Actions(prompt).Single(e => (string?)e!["action_id"] == "chatops.confirm")!["value"]!;

    /// <summary>Clicks Confirm on a prompt as Slack sends it (the same queue message id = the same delivery).</summary>
    private async Task ConfirmAsync(RecordedCall prompt, string user, string responseUrlId, string messageId = "confirm-1", int dequeueCount = 1)
    {
        var form = SlackRequests.BlockActions("chatops.confirm", ConfirmValue(prompt), user, AlertPayloads.Channel, _slack.ResponseUrl(responseUrlId),
            messageTs: "1700000000.000003", triggerId: "888.777." + responseUrlId);
        var click = await _app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));
        Assert.Equal(200, click.Status);
        await _app.InvokeWorkerAsync(click.Message!.ToJsonString(), dequeueCount: dequeueCount, messageId: messageId);
    }

    [Fact]
    public async Task SilencePicked_AsksForConfirmationInTheThread_PreviewingWhatItWouldMute_AndCreatesNothingYet()
    {
        var prompt = await PickAsync(TimeSpan.FromHours(4), OnCall, "p1");

        // In the alert's thread, for everyone to see (a second person may have to confirm it).
        Assert.Equal("1700000000.000002", prompt.Str("thread_ts"));
        Assert.Equal(AlertPayloads.Channel, prompt.Str("channel"));
        // The preview: every label the group's alerts share, and for how long.
        Assert.Contains("silence alertname=HighErrorRate,service=checkout,severity=critical for 4h", prompt.Str("text"));
        Assert.Contains("will be silenced for 4h", prompt.Str("text"));
        Assert.Contains("Confirm", AlertPayloads.Texts(prompt));
        Assert.Contains("confirm", Answer());
        Assert.Empty(_ops.Calls);
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task SilencePicked_AndConfirmed_CreatesTheSilenceAsThePicker_AndTheMessageShowsIt()
    {
        var prompt = await PickAsync(TimeSpan.FromHours(4), OnCall, "s0");

        await ConfirmAsync(prompt, OnCall, "s1");

        var request = (SilenceRequest)Assert.Single(_ops.Calls, c => c.Method == "CreateSilence").Request!;
        Assert.Equal(OnCall, request.CreatedBy);
        // Every label the group's alerts share: this group only, not HighErrorRate of every other service and team.
        Assert.Equal([new LabelMatcher("alertname", "HighErrorRate", false, true), new LabelMatcher("service", "checkout", false, true),
            new LabelMatcher("severity", "critical", false, true)], request.Matchers);
        Assert.Equal(TimeSpan.FromHours(4), request.EndsAt - request.StartsAt);
        // The prompt becomes the result, for everyone.
        var settled = _slack.CallsTo("response_url")[^1];
        Assert.Contains(":mute: Silenced `alertname=HighErrorRate,service=checkout,severity=critical`", settled.Str("text"));
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal("1700000000.000002", update.Str("ts"));
        Assert.Contains("SILENCED: HighErrorRate", AlertPayloads.Texts(update));
        Assert.Contains($"Silenced by <@{OnCall}> until", AlertPayloads.Texts(update));
        Assert.Equal(AlertActions.Unsilence, (string?)Actions(update).Single(e => (string?)e!["text"]?["text"] == "Unsilence")!["action_id"]);
        Assert.DoesNotContain(Actions(update), e => (string?)e!["type"] == "static_select");
    }

    [Fact]
    public async Task SilencePicked_UnderTheTwoPersonRule_CannotBeConfirmedByThePicker_AndIsCreatedAsThemWhenSomeoneElseDoes()
    {
        await DisposeAsync();
        _slack = await FakeSlackApi.StartAsync();
        var settings = AlertPayloads.Settings();
        settings["Access:Rules:0:Commands"] = "silence,unsilence";
        settings["Access:Rules:0:Users"] = OnCall + ",U0SECOND";
        settings["Access:Rules:0:RequireApproval"] = "true";
        _app = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IOpsClient>(_ops));
        var payload = AlertPayloads.Group(startsAt: DateTimeOffset.Parse("2026-12-01T10:00:00Z"), expr: null);
        var call = await _app.InvokeAlertmanagerAsync(payload.ToJsonString(), "Bearer " + AlertPayloads.Token);
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: "alert-1"));

        var prompt = await PickAsync(TimeSpan.FromHours(1), OnCall, "t0");
        Assert.Contains("Two-person rule", AlertPayloads.Texts(prompt));
        await ConfirmAsync(prompt, OnCall, "t1", messageId: "confirm-self");

        Assert.DoesNotContain(_ops.Calls, c => c.Method == "CreateSilence");
        Assert.Contains("Two-person rule", _slack.CallsTo("response_url")[^1].Str("text"));

        await ConfirmAsync(prompt, "U0SECOND", "t2", messageId: "confirm-other");

        var request = (SilenceRequest)Assert.Single(_ops.Calls, c => c.Method == "CreateSilence").Request!;
        Assert.Equal(OnCall, request.CreatedBy);
        Assert.Contains("confirmed by U0SECOND", request.Comment);
        Assert.Contains($"Silenced by <@{OnCall}> until", AlertPayloads.Texts(_slack.CallsTo("chat.update")[^1]));
    }

    [Fact]
    public async Task SilencePicked_ByANewcomerWhoMayNotSilence_IsRefusedBeforeAnyPrompt()
    {
        await ClickAsync(AlertPayloads.MenuClick(AlertActions.Silence, AlertActions.SilenceValue(TimeSpan.FromHours(1), _groupId), "U0INTERN", _slack.ResponseUrl("n1")));

        Assert.StartsWith(":no_entry:", Answer());
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Empty(_ops.Calls);
    }

    private static JsonArray Actions(RecordedCall call) =>
        call.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray();

    [Fact]
    public async Task AConfirmedSilenceDeliveredAgain_AfterAlertmanagersAnswerWasLost_CreatesNoSecondSilence()
    {
        var prompt = await PickAsync(TimeSpan.FromHours(1), OnCall, "s8");
        // Alertmanager made the silence, but its answer never came back: the Confirm is retried by the queue.
        _ops.AfterCreateSilence = new OpsException(Grpc.Core.StatusCode.Unavailable, "CreateSilence", "http://ops", "connection reset");

        await ConfirmAsync(prompt, OnCall, "s9", messageId: "confirm-9", dequeueCount: 1);
        await ConfirmAsync(prompt, OnCall, "s9", messageId: "confirm-9", dequeueCount: 2);

        Assert.Single(_ops.Silences);
        Assert.Single(_ops.Calls, c => c.Method == "CreateSilence");
        Assert.Contains(":mute: Silenced", _slack.CallsTo("response_url")[^1].Str("text"));
        Assert.Contains($"Silenced by <@{OnCall}> until", AlertPayloads.Texts(_slack.CallsTo("chat.update")[^1]));
    }

    [Fact]
    public async Task ImOnIt_ShowsTheOwnerOnTheMessage_AndASecondPersonTakesOver()
    {
        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Acknowledge, _groupId, OnCall, _slack.ResponseUrl("a1")));
        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Acknowledge, _groupId, "U0SECOND", _slack.ResponseUrl("a2"), triggerId: "555.444.second"));

        var updates = _slack.CallsTo("chat.update");
        Assert.Equal(2, updates.Count);
        Assert.Contains($"<@{OnCall}> is on it (since", AlertPayloads.Texts(updates[0]));
        Assert.Contains("Take over", AlertPayloads.Texts(updates[0]));
        Assert.Contains("<@U0SECOND> is on it (since", AlertPayloads.Texts(updates[1]));
        Assert.DoesNotContain($"<@{OnCall}>", AlertPayloads.Texts(updates[1]));
        var answers = _slack.CallsTo("response_url");
        Assert.Contains($"took HighErrorRate over from <@{OnCall}>", answers[1].Str("text"));
        Assert.Empty(_ops.Calls);
    }

    [Fact]
    public async Task Unsilence_EndsTheSilenceMadeFromTheMessage_AndTheMessageFiresAgain()
    {
        await ConfirmAsync(await PickAsync(TimeSpan.FromHours(4), OnCall, "u0"), OnCall, "u1");

        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Unsilence, _groupId, OnCall, _slack.ResponseUrl("u2")));

        Assert.Equal("sil-1", (string?)Assert.Single(_ops.Calls, c => c.Method == "ExpireSilence").Request);
        var last = _slack.CallsTo("chat.update")[^1];
        Assert.Contains("FIRING: HighErrorRate", AlertPayloads.Texts(last));
        Assert.DoesNotContain("Silenced by", AlertPayloads.Texts(last));
        Assert.Contains(Actions(last), e => (string?)e!["type"] == "static_select");
        Assert.Contains("has ended", _slack.CallsTo("response_url")[^1].Str("text"));
    }

    [Fact]
    public async Task SilenceFailing_IsAnsweredWithWhy()
    {
        _ops.Failure = new OpsException(Grpc.Core.StatusCode.FailedPrecondition, "CreateSilence", "http://ops", "no Alertmanager is configured");

        await ConfirmAsync(await PickAsync(TimeSpan.FromHours(1), OnCall, "s2"), OnCall, "s3");

        var answer = _slack.CallsTo("response_url")[^1].Str("text");
        Assert.Contains("no Alertmanager is configured", answer);
        Assert.DoesNotContain(":mute: Silenced", answer);
    }

    [Fact]
    public async Task ShowTraces_ListsTheServicesTracesAroundTheStart()
    {
        _ops.Traces = [new TraceSummary("4bf92f3577b34da6a3ce929d0e0e4736", DateTimeOffset.Parse("2026-12-01T10:01:00Z"))];

        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Traces, _groupId, "U0INTERN", _slack.ResponseUrl("t1")));

        var query = (TraceQuery)Assert.Single(_ops.Calls, c => c.Method == "ListTraces").Request!;
        Assert.Equal("checkout", query.Service);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T09:45:00Z"), query.Start);
        Assert.Contains("4bf92f3577b34da6a3ce929d0e0e4736", AlertPayloads.Texts(Assert.Single(_slack.CallsTo("response_url"))));
    }

    [Fact]
    public async Task RunbookLink_IsAckedAndNothingElse()
    {
        var call = await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Runbook, "runbook", OnCall, _slack.ResponseUrl("r1")));

        Assert.Null(call.Message);
    }

    [Fact]
    public async Task ForgedValue_IsAnswered_AndDoesNothing()
    {
        await ClickAsync(AlertPayloads.MenuClick(AlertActions.Silence, "720h|" + _groupId, OnCall, _slack.ResponseUrl("f1")));

        Assert.Contains("not one I wrote", Answer());
        Assert.Empty(_ops.Calls);
    }
}
