using System.Text.Json.Nodes;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>
/// `change sampling` waits for a Confirm click, by someone allowed, before anything reaches the Ops
/// service; the click goes through the slack function, the queue and the worker like a typed command.
/// </summary>
public sealed class ConfirmationTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly string _replyQueue = "replies-" + Guid.NewGuid().ToString("N")[..10];
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task StartAsync(bool requireApproval = false, Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Access:Rules:0:Commands"] = "change sampling",
            ["Access:Rules:0:Users"] = "U0ALICE,U0BOB",
            ["Access:Rules:0:RequireApproval"] = requireApproval ? "true" : "false",
            ["Dedupe:ReplyQueue"] = _replyQueue,
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        var app = await TestApp.StartAsync(_slack, settings, services =>
        {
            services.AddSingleton<IOpsClient>(_ops);
            services.AddSingleton<TimeProvider>(_clock);
        });
        _bot = new HostedBot(app);
    }

    /// <summary>Alice mentions the bot; returns the prompt Slack received.</summary>
    private async Task<RecordedCall> AskAsync(string text = "change sampling float .1", string user = "U0ALICE")
    {
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: user,
            ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, at: _clock.Now));
        return _slack.CallsTo("chat.postMessage").Last();
    }

    private static string ButtonValue(RecordedCall prompt, string actionId) =>
        (string)prompt.Json["blocks"]!.AsArray().OfType<JsonObject>()
            .Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>())
            .Single(e => (string?)e["action_id"] == actionId)["value"]!;

    /// <summary>A click, as Slack posts it; returns what Slack's response_url received for it.</summary>
    private async Task<RecordedCall> ClickAsync(string actionId, string value, string user, string urlId)
    {
        var before = _slack.CallsTo("response_url").Count;
        var body = SlackRequests.BlockActions(actionId, value, user: user, responseUrl: _slack.ResponseUrl(urlId),
            triggerId: "trig-" + Guid.NewGuid().ToString("N")[..8]);
        var (status, message) = await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded", at: _clock.Now));
        Assert.Equal(200, status);
        Assert.NotNull(message);
        return _slack.CallsTo("response_url").Skip(before).Single();
    }

    private static string BlockTexts(RecordedCall call) => string.Join("\n", call.Json["blocks"]!.AsArray().OfType<JsonObject>()
        .Select(b => b["text"]?["text"]?.GetValue<string>() ?? string.Join(" ", (b["elements"] as JsonArray ?? [])
            .Select(e => e?["text"] is JsonValue v ? v.GetValue<string>() : ""))));

    private static bool Replaces(RecordedCall call) => call.Json["replace_original"]!.GetValue<bool>();

    [Fact]
    public async Task AMutatingCommand_OnlyAsks_WithTheExactChange_AndNeverCallsOps()
    {
        await StartAsync();

        var prompt = await AskAsync();

        Assert.Empty(_ops.Calls);
        Assert.Contains("<@U0ALICE> wants to run `change sampling float .1`: every service will sample 10% of traces.", prompt.Str("text"));
        Assert.NotNull(prompt.Str("thread_ts"));
        Assert.StartsWith("c1.", ButtonValue(prompt, ConfirmationActions.Confirm));
        Assert.Equal(ButtonValue(prompt, ConfirmationActions.Confirm), ButtonValue(prompt, ConfirmationActions.Cancel));
    }

    [Fact]
    public async Task ConfirmByAnAllowedUser_ChangesSamplingOnce_AsThatUser_AndReplacesTheButtons()
    {
        await StartAsync();
        var prompt = await AskAsync();

        var update = await ClickAsync(ConfirmationActions.Confirm, ButtonValue(prompt, ConfirmationActions.Confirm), "U0BOB", "c1");

        var call = Assert.Single(_ops.Calls);
        Assert.Equal("ChangeSampling", call.Method);
        Assert.Equal(new SamplingChange(SamplerKind.Probabilistic, 0.1), call.Request);
        Assert.Equal(("U0BOB", "C0CHAN1", "change sampling"), (call.Caller.UserId, call.Caller.ChannelId, call.Caller.Command));
        Assert.True(Replaces(update));
        Assert.Contains("Sampling changed", update.Str("text"));
        Assert.Contains("Confirmed by <@U0BOB>", update.Str("text"));
        Assert.Contains("asked by <@U0ALICE>", update.Str("text"));
        Assert.DoesNotContain("\"actions\"", update.Body);
    }

    [Fact]
    public async Task ASecondClick_RunsNothing_AndSaysWhoConfirmed_EvenOnAnotherInstance()
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync(), ConfirmationActions.Confirm);
        await ClickAsync(ConfirmationActions.Confirm, value, "U0BOB", "c1");

        var again = await ClickAsync(ConfirmationActions.Confirm, value, "U0ALICE", "c2");
        var cancelAfter = await ClickAsync(ConfirmationActions.Cancel, value, "U0ALICE", "c3");
        // A second instance of the app: no memory of the click, only the shared dedupe container.
        var other = new HostedBot(await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Access:Rules:0:Commands"] = "change sampling", ["Access:Rules:0:Users"] = "U0ALICE,U0BOB",
            ["Dedupe:Container"] = _bot.App.Dedupe.Name,
        }, s => s.AddSingleton<IOpsClient>(_ops)));
        await using var _ = other.App;
        var body = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: "U0BOB", responseUrl: _slack.ResponseUrl("c4"));
        await other.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));

        Assert.Single(_ops.Calls);
        Assert.False(Replaces(again));
        Assert.Equal("ephemeral", again.Str("response_type"));
        Assert.StartsWith("This request was already confirmed by <@U0BOB> at ", again.Str("text"));
        Assert.StartsWith("This request was already confirmed", cancelAfter.Str("text"));
        Assert.StartsWith("This request was already confirmed", _slack.CallsTo("response_url").Last().Str("text"));
    }

    [Fact]
    public async Task Cancel_RunsNothing_AndReplacesThePrompt()
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync(), ConfirmationActions.Cancel);

        var update = await ClickAsync(ConfirmationActions.Cancel, value, "U0ALICE", "c1");
        var confirmAfter = await ClickAsync(ConfirmationActions.Confirm, value, "U0BOB", "c2");

        Assert.Empty(_ops.Calls);
        Assert.True(Replaces(update));
        Assert.StartsWith(":no_entry_sign: Cancelled by <@U0ALICE> at ", update.Str("text"));
        Assert.Contains("nothing was changed", update.Str("text"));
        Assert.StartsWith("This request was already cancelled by <@U0ALICE>", confirmAfter.Str("text"));
    }

    [Fact]
    public async Task AnExpiredRequest_RunsNothing_AndSaysSo()
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync(), ConfirmationActions.Confirm);

        _clock.Now += TimeSpan.FromMinutes(11);
        var update = await ClickAsync(ConfirmationActions.Confirm, value, "U0BOB", "c1");

        Assert.Empty(_ops.Calls);
        Assert.True(Replaces(update));
        Assert.StartsWith(":hourglass: This request expired at ", update.Str("text"));
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("mac")]
    [InlineData("key")]
    public async Task ATamperedButton_RunsNothing_AndTellsTheClickerAlone(string what)
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync("change sampling float .1"), ConfirmationActions.Confirm);
        var change = ConfirmationToken.Read(value, SlackRequests.HmacKey)!;
        var forged = what switch
        {
            // Someone rewrites the request to "always" and keeps the old MAC.
            "payload" => ConfirmationToken.Sign(change with { Arguments = "always" }, SlackRequests.HmacKey).Split('.')[1] is var body
                ? $"c1.{body}.{value.Split('.')[2]}" : "",
            "mac" => value[..^2] + (value[^2] == 'A' ? "BB" : "AA"),
            _ => ConfirmationToken.Sign(change with { Arguments = "always" }, "another-key-that-is-long-enough-0123456789"),
        };

        var answer = await ClickAsync(ConfirmationActions.Confirm, forged, "U0BOB", "c1");
        var genuine = await ClickAsync(ConfirmationActions.Confirm, value, "U0BOB", "c2");

        Assert.False(Replaces(answer));
        Assert.Equal("ephemeral", answer.Str("response_type"));
        Assert.StartsWith(":warning: I can't verify this button", answer.Str("text"));
        // The forgery decided nothing: the genuine button still works, once, with the genuine change.
        Assert.Equal(new SamplingChange(SamplerKind.Probabilistic, 0.1), Assert.Single(_ops.Calls).Request);
        Assert.True(Replaces(genuine));
    }

    [Fact]
    public async Task TwoPersonRule_RefusesTheRequestersOwnConfirm_AndLetsAnotherConfirm()
    {
        await StartAsync(requireApproval: true);
        var prompt = await AskAsync();
        var value = ButtonValue(prompt, ConfirmationActions.Confirm);

        var own = await ClickAsync(ConfirmationActions.Confirm, value, "U0ALICE", "c1");
        Assert.Empty(_ops.Calls);
        var other = await ClickAsync(ConfirmationActions.Confirm, value, "U0BOB", "c2");

        Assert.Contains("Two-person rule: someone other than <@U0ALICE>", BlockTexts(prompt));
        Assert.False(Replaces(own));
        Assert.Equal(":no_entry: Two-person rule: someone other than you must confirm `change sampling float .1`.", own.Str("text"));
        Assert.True(Replaces(other));
        Assert.Equal("U0BOB", Assert.Single(_ops.Calls).Caller.UserId);
    }

    [Fact]
    public async Task AConfirmBySomeoneNotAllowed_IsRefused_AndThePromptStaysForSomeoneWhoIs()
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync(), ConfirmationActions.Confirm);

        var stranger = await ClickAsync(ConfirmationActions.Confirm, value, "U0MALLORY", "c1");
        var strangerCancel = await ClickAsync(ConfirmationActions.Cancel, value, "U0MALLORY", "c2");
        var bob = await ClickAsync(ConfirmationActions.Confirm, value, "U0BOB", "c3");

        Assert.Equal(":no_entry: You may not run `change sampling`. It is allowed to <@U0ALICE>, <@U0BOB>.", stranger.Str("text"));
        Assert.Equal(":no_entry: Only <@U0ALICE> or someone who may run `change sampling` can cancel it.", strangerCancel.Str("text"));
        Assert.False(Replaces(stranger) || Replaces(strangerCancel));
        Assert.True(Replaces(bob));
        Assert.Single(_ops.Calls);
    }

    [Fact]
    public async Task AMistakeInTheArguments_IsAnsweredAtOnce_WithNoButtons()
    {
        await StartAsync();

        var reply = await AskAsync("change sampling float 7");

        Assert.Contains("The rate must be more than 0 and at most 1", reply.Str("text"));
        Assert.DoesNotContain("chatops.confirm", reply.Body);
        Assert.Empty(_ops.Calls);
    }

    [Fact]
    public async Task ClicksOnOtherAppsButtons_AreAcknowledged_AndEnqueueNothing()
    {
        await StartAsync();
        var body = SlackRequests.BlockActions("someone.elses.button", "whatever", responseUrl: _slack.ResponseUrl("x"));

        var (status, message) = await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded", at: _clock.Now));

        Assert.Equal(200, status);
        Assert.Null(message);
    }

    [Fact]
    public async Task WhenSlackFailsToTakeTheResult_TheChangeIsNotRunAgain_AndALaterClickIsTold()
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync(), ConfirmationActions.Confirm);
        _slack.Script("response_url", _ => Microsoft.AspNetCore.Http.Results.StatusCode(503));

        var body = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: "U0BOB", responseUrl: _slack.ResponseUrl("c1"));
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded", at: _clock.Now));
        var later = await ClickAsync(ConfirmationActions.Confirm, value, "U0ALICE", "c2");

        Assert.Single(_ops.Calls);
        Assert.StartsWith("This request was already confirmed by <@U0BOB>", later.Str("text"));
    }

    [Fact]
    public async Task AClickWhileAnotherClickOnTheSameRequestRuns_GoesBackToTheQueueForLater()
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync(), ConfirmationActions.Confirm);
        var body = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: "U0BOB", responseUrl: _slack.ResponseUrl("c1"));
        var message = (await _bot.App.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded", at: _clock.Now))).Message!;
        // Another delivery of the same request holds its claim right now (on this instance or another).
        var claims = _bot.App.Services.GetRequiredService<ChatOps.Core.Delivery.IDeliveryClaims>();
        var held = Assert.IsType<ChatOps.Core.Delivery.ClaimResult.Claimed>(await claims.TryClaimAsync((string)message["dedupeKey"]!, "other-click"));

        // Not a failure (nothing counts towards the poison queue): the click is queued again to look at later.
        Assert.Equal(200, await _bot.DeliverAsync(message, messageId: "this-click"));
        Assert.Empty(_ops.Calls);
        var replies = new Azure.Storage.Queues.QueueClient((await Azurite.SharedAsync()).ConnectionString, _replyQueue,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        await claims.ReleaseAsync(held.Claim);
        Azure.Storage.Queues.Models.QueueMessage[] again = [];
        for (var i = 0; i < 60 && again.Length == 0; i++, await Task.Delay(250)) again = (await replies.ReceiveMessagesAsync(1)).Value;
        Assert.Equal(200, await _bot.DeliverAsync(System.Text.Json.Nodes.JsonNode.Parse(Assert.Single(again).Body.ToString())!.AsObject(),
            messageId: "this-click-later"));
        Assert.Single(_ops.Calls);
    }

    [Fact]
    public async Task AButtonFromAnotherChannel_IsRefused_SayingWhere()
    {
        await StartAsync();
        var value = ButtonValue(await AskAsync(), ConfirmationActions.Confirm);
        var before = _slack.CallsTo("response_url").Count;

        var body = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: "U0BOB", channel: "C0ELSEWHERE", responseUrl: _slack.ResponseUrl("c1"));
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded", at: _clock.Now));

        Assert.Empty(_ops.Calls);
        Assert.Equal(":no_entry: This request was made in <#C0CHAN1> and can only be confirmed there. Nothing was changed.",
            _slack.CallsTo("response_url").Skip(before).Single().Str("text"));
    }

    [Fact]
    public async Task TwoPersonRule_InADirectMessage_IsRefused_BecauseNobodyElseCanClick()
    {
        await StartAsync(requireApproval: true);
        var body = SlackRequests.DirectMessage("change sampling always", eventId: "EvDm2p", user: "U0ALICE", channel: "D0ALICE");

        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, at: _clock.Now));

        Assert.StartsWith(":no_entry: `change sampling` needs a second person to confirm", _slack.CallsTo("chat.postMessage").Last().Str("text"));
    }
}
