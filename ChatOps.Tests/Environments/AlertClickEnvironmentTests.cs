using System.Text.Json.Nodes;
using ChatOps.Core.Alerts;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Environments;

/// <summary>
/// Clicks on an alert message with two environments configured: alerts are not routed per environment yet, so they
/// belong to the default one (prod), and every click, prompt, Confirm and reply says so and reaches only its Ops service.
/// </summary>
public sealed class AlertClickEnvironmentTests : IAsyncLifetime
{
    private const string OnCall = "U0ONCALL";
    private readonly FakeEnvironmentOps _ops = FakeEnvironmentOps.ProdAndStaging();
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private string _groupId = "";

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        var settings = TwoEnvironments.Settings();
        foreach (var (key, value) in AlertPayloads.Settings()) settings[key] = value;
        settings["Access:Rules:0:Commands"] = "silence,unsilence";
        settings["Access:Rules:0:Users"] = OnCall;
        _app = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton<IEnvironmentOpsClients>(_ops));
        var payload = AlertPayloads.Group(startsAt: DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var call = await _app.InvokeAlertmanagerAsync(payload.ToJsonString(), "Bearer " + AlertPayloads.Token);
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), messageId: "alert-1"));
        _groupId = AlertPayload.Read(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())).Notification!.GroupId();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task ClickAsync(string form)
    {
        var call = await _app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));
        Assert.Equal(200, call.Status);
        if (call.Message is { } message) Assert.Equal(200, await _app.InvokeWorkerAsync(message.ToJsonString(), messageId: "click-" + Guid.NewGuid()));
    }

    private async Task<RecordedCall> PickAsync(string responseUrlId)
    {
        var before = _slack.CallsTo("chat.postMessage").Count;
        await ClickAsync(AlertPayloads.MenuClick(AlertActions.Silence, AlertActions.SilenceValue(TimeSpan.FromHours(4), _groupId), OnCall,
            _slack.ResponseUrl(responseUrlId)));
        // The alert message and its graph went first; the prompt is the pick's only post.
        return Assert.Single(_slack.CallsTo("chat.postMessage").Skip(before));
    }

    private async Task<RecordedCall> ClickPromptAsync(RecordedCall prompt, string actionId, string responseUrlId)
    {
        var value = (string)prompt.Json["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).First(e => (string?)e["action_id"] == actionId)["value"]!;
        var before = _slack.CallsTo("response_url").Count;
        await ClickAsync(SlackRequests.BlockActions(actionId, value, OnCall, AlertPayloads.Channel, _slack.ResponseUrl(responseUrlId),
            messageTs: "1700000000.000003", triggerId: "888.777." + responseUrlId));
        return Assert.Single(_slack.CallsTo("response_url").Skip(before));
    }

    [Fact]
    public async Task SilencePicked_AndConfirmed_CreatesTheSilenceInTheDefaultEnvironment_AndEveryReplySaysSo()
    {
        var prompt = await PickAsync("p0");
        Assert.StartsWith("[production] ", prompt.Str("text"));
        Assert.StartsWith("[production] ", _slack.CallsTo("response_url")[^1].Str("text"));

        var settled = await ClickPromptAsync(prompt, ConfirmationActions.Confirm, "p1");

        Assert.DoesNotContain("before environments", settled.Str("text"));
        Assert.StartsWith("[production] :mute: Silenced", settled.Str("text"));
        var (_, request, caller) = Assert.Single(_ops["prod"].Calls, c => c.Method == "CreateSilence");
        Assert.Equal(OnCall, ((SilenceRequest)request!).CreatedBy);
        Assert.Equal("prod", caller.Environment);
        Assert.DoesNotContain(_ops["staging"].Calls, c => c.Method == "CreateSilence");
    }

    [Fact]
    public async Task UnsilenceAndShowTraces_AskTheDefaultEnvironmentByName_AndTheAnswerSaysWhich()
    {
        await ClickPromptAsync(await PickAsync("u0"), ConfirmationActions.Confirm, "u1");

        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Unsilence, _groupId, OnCall, _slack.ResponseUrl("u2")));
        Assert.StartsWith("[production] ", _slack.CallsTo("response_url")[^1].Str("text"));
        await ClickAsync(AlertPayloads.ButtonClick(AlertActions.Traces, _groupId, OnCall, _slack.ResponseUrl("u3"), triggerId: "555.444.traces"));
        Assert.StartsWith("[production] ", _slack.CallsTo("response_url")[^1].Str("text"));

        Assert.Equal("prod", Assert.Single(_ops["prod"].Calls, c => c.Method == "ExpireSilence").Caller.Environment);
        Assert.Equal("prod", Assert.Single(_ops["prod"].Calls, c => c.Method == "ListTraces").Caller.Environment);
        Assert.Empty(_ops["staging"].Calls);
    }

    [Fact]
    public void TheAlertGraph_IsDrawnFromTheDefaultEnvironment_Named()
    {
        var query = Assert.Single(_ops["prod"].Calls, c => c.Method == "QueryRange");
        Assert.Equal("prod", query.Caller.Environment);
        Assert.Empty(_ops["staging"].Calls);
    }
}
