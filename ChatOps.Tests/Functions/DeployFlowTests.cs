using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using ChatOps.Core.Audit;
using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Delivery;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions.Storage;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Functions;

/// <summary>
/// `deploy` and `rollback` through the slack function, the queue and the worker: the prompt, the refusals
/// (nothing reaches Deploy), the confirmed start, and the follow-up envelopes that update the message in
/// place until the deployment ends, with one final message and one audit record.
/// </summary>
public sealed class DeployFlowTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new() { Version = "1.4.0" };
    private readonly RecordingLoggerProvider _logs = new();
    private readonly string _followQueue = "follow-" + Guid.NewGuid().ToString("N")[..12];
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;
    private FailingFollowUps? _followUps;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task StartAsync(bool requireApproval = false, IDictionary<string, string>? extra = null, int followQueueFailures = 0)
    {
        var app = await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Access:Rules:0:Commands"] = "deploy,rollback",
            ["Access:Rules:0:Users"] = "U0ALICE,U0BOB",
            ["Access:Rules:0:RequireApproval"] = requireApproval ? "true" : "false",
            ["Worker:DeploymentPoll"] = "00:00:00.100",
            ["Dedupe:ReplyQueue"] = _followQueue,
            ["Logging:LogLevel:ChatOps.Audit"] = "Information",
        }.Concat(extra ?? new Dictionary<string, string>()).ToDictionary(), services =>
        {
            services.AddSingleton<IOpsClient>(_ops);
            services.AddSingleton<ILoggerProvider>(_logs);
            if (followQueueFailures > 0)
                services.AddSingleton<IFollowUps>(sp => _followUps = new FailingFollowUps(
                    new StorageFollowUps(sp.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue)), followQueueFailures));
        });
        _bot = new HostedBot(app);
    }

    private async Task<RecordedCall> AskAsync(string text, string user = "U0ALICE")
    {
        var before = _slack.CallsTo("chat.postMessage").Count;
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: user, ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
        return _slack.CallsTo("chat.postMessage").Skip(before).Single();
    }

    private async Task<RecordedCall> ClickAsync(RecordedCall prompt, string user, string action = ConfirmationActions.Confirm)
    {
        var before = _slack.CallsTo("response_url").Count;
        var body = SlackRequests.BlockActions(action, ButtonValue(prompt, action), user: user, responseUrl: _slack.ResponseUrl("r1"),
            triggerId: "trig-" + Guid.NewGuid().ToString("N")[..8]);
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));
        return _slack.CallsTo("response_url").Skip(before).Single();
    }

    private static string ButtonValue(RecordedCall prompt, string actionId) =>
        (string)prompt.Json["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).Single(e => (string?)e["action_id"] == actionId)["value"]!;

    private static bool HasButtons(RecordedCall call) =>
        call.Json["blocks"] is JsonArray blocks && blocks.OfType<JsonObject>().Any(b => (string?)b["type"] == "actions");

    private static string Text(RecordedCall call) => (string?)call.Json["text"] ?? "";

    /// <summary>Every string in the message (text and blocks), as Slack reads them.</summary>
    private static string AllText(JsonNode? node) => node switch
    {
        JsonObject o => string.Join("\n", o.Select(p => AllText(p.Value))),
        JsonArray a => string.Join("\n", a.Select(AllText)),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => "",
    };

    private int Calls(string method) => _ops.Calls.Count(c => c.Method == method);

    /// <summary>Takes the next follow-up message off the queue (waiting out its delay) and hands it to a worker, as
    /// the queue trigger would; a fresh delivery each time, like a restarted worker.</summary>
    private async Task<bool> DeliverNextFollowUpAsync(int tries = 100) => await NextFollowUpAsync(tries) is not null;

    /// <summary>The same, returning what it delivered (null when nothing came).</summary>
    private async Task<JsonObject?> NextFollowUpAsync(int tries = 100)
    {
        var queue = _bot.App.Services.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue);
        for (var i = 0; i < tries; i++)
        {
            var message = (await queue.ReceiveMessageAsync()).Value;
            if (message is not null)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                var json = JsonNode.Parse(message.Body.ToString())!.AsObject();
                await _bot.DeliverAsync(json, 1, message.MessageId);
                return json;
            }
            await Task.Delay(50);
        }
        return null;
    }

    private List<JsonObject> DeploymentAudits() => _logs.Lines
        .Where(l => l.Category == AuditLog.Category)
        .Select(l => JsonNode.Parse(l.Message[l.Message.IndexOf('{')..])!.AsObject())
        .Where(r => (string?)r["decision"] == "deployment_finished")
        .ToList();

    [Fact]
    public async Task Prompt_StatesServiceRunningAndAskedVersions_AndNothingDeploysBeforeConfirm()
    {
        await StartAsync();
        var prompt = await AskAsync("deploy demo 1.5.0");
        Assert.True(HasButtons(prompt));
        Assert.Contains("deploy `demo`: `1.4.0` running now, `1.5.0` asked for", Text(prompt));
        Assert.Equal(0, Calls("Deploy"));
    }

    [Fact]
    public async Task Prompt_ShowsTheVersionTheServiceItselfReports_NotTheDefaultQuerys()
    {
        _ops.ServiceVersions["demo"] = "1.4.0";
        _ops.Version = "0.1.0-ops-build";
        _ops.RollbackVersion = "1.3.2";
        await StartAsync();

        Assert.Contains("deploy `demo`: `1.4.0` running now", Text(await AskAsync("deploy demo 1.5.0")));
        Assert.Contains("roll `demo` back: `1.4.0` running now", Text(await AskAsync("rollback demo")));
    }

    [Fact]
    public async Task DeployedVersion_OfAService_AsksForThatService()
    {
        _ops.ServiceVersions["demo"] = "1.4.0";
        _ops.ServiceVersions["shop"] = "7.2.0";
        _ops.Version = "0.1.0-ops-build";
        await StartAsync();

        Assert.Contains("Deployed version of `shop`: `7.2.0`", AllText((await AskAsync("deployed version shop")).Json));
        Assert.Contains("Deployed version of `demo`: `1.4.0`", AllText((await AskAsync("deployed version demo")).Json));
        var every = AllText((await AskAsync("deployed version")).Json);
        Assert.Contains("• `demo`: `1.4.0`\n• `shop`: `7.2.0`\n• the default version query: `0.1.0-ops-build`", every);
    }

    [Fact]
    public async Task ConfirmedDeploy_IsFollowedInPlace_ToOneFinalMessageAndOneAuditRecord()
    {
        await StartAsync();
        var prompt = await AskAsync("deploy demo 1.5.0");
        var started = await ClickAsync(prompt, "U0BOB");
        Assert.Contains(":rocket: Deployment of `demo` `1.4.0` → `1.5.0` running", Text(started));
        var order = (DeployOrder)_ops.Calls.Single(c => c.Method == "Deploy").Request!;
        Assert.Equal(("U0ALICE", "U0BOB"), (order.RequestedBy, order.ConfirmedBy));

        var id = _ops.Deployments.Single().Id;
        _ops.Update(id, d => d with { Output = ["pulling image", "<!channel> rolling out"] });
        Assert.True(await DeliverNextFollowUpAsync());
        var progress = _slack.CallsTo("chat.update").Last();
        Assert.Contains("Output so far", AllText(progress.Json));
        Assert.Contains("&lt;!channel&gt; rolling out", AllText(progress.Json));
        Assert.DoesNotContain("<!channel>", AllText(progress.Json));

        _ops.Update(id, d => d with { State = DeploymentState.Succeeded, FinishedAt = d.StartedAt.AddSeconds(42), ExitCode = 0 });
        Assert.True(await DeliverNextFollowUpAsync());
        var final = _slack.CallsTo("chat.update").Last();
        Assert.Contains(":white_check_mark: Deployment of `demo` `1.4.0` → `1.5.0` succeeded in 42 s", (string?)final.Json["text"]);
        Assert.False(await DeliverNextFollowUpAsync(), "nothing is queued after the end");

        var audit = Assert.Single(DeploymentAudits());
        Assert.Equal("succeeded", (string?)audit["outcome"]);
        var deployment = audit["deployment"]!;
        Assert.Equal((id, "1.4.0", "1.5.0", "U0ALICE", "U0BOB", 42000L), ((string?)deployment["id"], (string?)deployment["from"],
            (string?)deployment["to"], (string?)deployment["requestedBy"], (string?)deployment["confirmedBy"], (long)deployment["durationMs"]!));
    }

    [Fact]
    public async Task ASucceededDeployment_OffersRollBack_WhoseClickIsTheTypedRollback_AskedOnce_UnderTheSameRules()
    {
        _ops.RollbackVersion = "1.4.0";
        await StartAsync(requireApproval: true);
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Update(id, d => d with { State = DeploymentState.Succeeded, FinishedAt = d.StartedAt.AddSeconds(4), ExitCode = 0 });
        Assert.True(await DeliverNextFollowUpAsync());
        var final = _slack.CallsTo("chat.update").Last();
        Assert.Contains("Roll back to 1.4.0", AllText(final.Json));
        var value = ButtonValue(final, DeploymentActions.Rollback);

        // Someone the access policy does not name gets the typed command's refusal, and no prompt.
        var before = _slack.CallsTo("response_url").Count;
        await RollBackClickAsync(value, "U0CAROL", "trig-carol");
        Assert.DoesNotContain(_slack.CallsTo("response_url").Skip(before), HasButtons);
        Assert.Equal(0, Calls("Rollback"));

        // One click delivered twice (Slack retries it): one prompt, the typed rollback's, with its target.
        before = _slack.CallsTo("response_url").Count;
        await RollBackClickAsync(value, "U0ALICE", "trig-rb");
        await RollBackClickAsync(value, "U0ALICE", "trig-rb");
        var prompt = Assert.Single(_slack.CallsTo("response_url").Skip(before), HasButtons);
        Assert.Contains("roll `demo` back: `1.4.0` running now, back to `1.4.0`", Text(prompt));
        Assert.Equal(0, Calls("Rollback"));

        // The two-person rule holds: the one who clicked cannot confirm; someone else can.
        Assert.Contains("Two-person rule", Text(await ClickAsync(prompt, "U0ALICE")));
        Assert.Equal(0, Calls("Rollback"));
        Assert.Contains(":rocket: Rollback of `demo`", Text(await ClickAsync(prompt, "U0BOB")));
        var order = (DeployOrder)_ops.Calls.Single(c => c.Method == "Rollback").Request!;
        Assert.Equal(("U0ALICE", "U0BOB"), (order.RequestedBy, order.ConfirmedBy));
    }

    [Fact]
    public async Task ADeploymentWithNothingToGoBackTo_OffersNoRollBackButton()
    {
        await StartAsync();
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        _ops.Update(_ops.Deployments.Single().Id, d => d with { PreviousVersion = null, State = DeploymentState.Succeeded, FinishedAt = d.StartedAt.AddSeconds(1), ExitCode = 0 });
        Assert.True(await DeliverNextFollowUpAsync());
        Assert.DoesNotContain("Roll back", AllText(_slack.CallsTo("chat.update").Last().Json));
    }

    private async Task RollBackClickAsync(string value, string user, string triggerId)
    {
        var body = SlackRequests.BlockActions(DeploymentActions.Rollback, value, user: user, responseUrl: _slack.ResponseUrl("r2"), triggerId: triggerId);
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));
    }

    [Fact]
    public async Task AFollowUpDeliveredTwice_PostsTheFinalResultOnce()
    {
        await StartAsync();
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Update(id, d => d with { State = DeploymentState.Failed, FinishedAt = d.StartedAt.AddSeconds(3), ExitCode = 2, Output = ["error: no such image"] });
        var queue = _bot.App.Services.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue);
        Azure.Storage.Queues.Models.QueueMessage? message = null;
        for (var i = 0; i < 100 && message is null; i++)
        {
            message = (await queue.ReceiveMessageAsync()).Value;
            if (message is null) await Task.Delay(50);
        }
        var json = JsonNode.Parse(message!.Body.ToString())!.AsObject();
        // The first worker dies after its work (the message comes back); a second one gets it again.
        await _bot.DeliverAsync(json, 1, message.MessageId);
        await _bot.DeliverAsync(json, 2, message.MessageId);

        var updates = _slack.CallsTo("chat.update").Where(c => ((string?)c.Json["text"] ?? "").Contains("failed (exit status 2)")).ToList();
        Assert.Single(updates);
        Assert.Contains("error: no such image", AllText(updates[0].Json));
        Assert.Single(DeploymentAudits());
    }

    [Fact]
    public async Task AFinalMessageSlackRateLimited_IsPostedOnceLater_AndItsKeptReplyRemoved()
    {
        // A Retry-After longer than the worker may sleep: the final update is kept and comes back on the queue.
        await StartAsync(extra: new Dictionary<string, string> { ["Slack:MaxRetryAfter"] = "00:00:00.100" });
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Update(id, d => d with { State = DeploymentState.Succeeded, FinishedAt = d.StartedAt.AddSeconds(5), ExitCode = 0 });
        _slack.Script("chat.update", _ => FakeSlackApi.RateLimited(1));

        Assert.NotNull(await NextFollowUpAsync());
        var deferred = await NextFollowUpAsync(tries: 200);
        Assert.NotNull(deferred);
        var kept = (string)deferred!["deferred"]!["id"]!;

        var finals = _slack.CallsTo("chat.update").Where(c => Text(c).Contains("succeeded in 5 s")).ToList();
        Assert.Equal(2, finals.Count); // the one Slack refused with 429, and the one it took
        Assert.False(await DeliverNextFollowUpAsync(tries: 30), "nothing is left on the queue");
        var container = _bot.App.Services.GetRequiredService<StorageAccount>().Blobs()
            .GetBlobContainerClient(_bot.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DedupeOptions>>().Value.Container);
        Assert.False((await container.GetBlobClient(kept).ExistsAsync()).Value, "the kept reply is removed once posted");
        Assert.Single(DeploymentAudits());
    }

    private static OpsException OpsDown(Grpc.Core.StatusCode code = Grpc.Core.StatusCode.Unavailable) =>
        new(code, "DeploymentStatus", "http://127.0.0.1:1", code == Grpc.Core.StatusCode.NotFound ? "no deployment with that id" : "connection refused");

    /// <summary>Delivers follow-ups until none comes within a few seconds; how many it delivered.</summary>
    private async Task<int> DeliverAllFollowUpsAsync()
    {
        var delivered = 0;
        while (await DeliverNextFollowUpAsync(tries: 60)) delivered++;
        return delivered;
    }

    [Fact]
    public async Task AShortOpsOutage_IsWaitedOut_AndTheFinalMessageStillArrives_WithoutTellingTheConfirmerTheirClickFailed()
    {
        await StartAsync();
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Failure = OpsDown();
        for (var look = 0; look < 3; look++) Assert.True(await DeliverNextFollowUpAsync(), $"look {look + 1} is followed by another");
        _ops.Failure = OpsDown(Grpc.Core.StatusCode.DeadlineExceeded);
        Assert.True(await DeliverNextFollowUpAsync(), "a slow answer is waited out too");
        _ops.Failure = null;
        _ops.Update(id, d => d with { State = DeploymentState.Succeeded, FinishedAt = d.StartedAt.AddSeconds(30), ExitCode = 0 });
        await DeliverAllFollowUpsAsync();

        Assert.Single(_slack.CallsTo("chat.update"), c => Text(c).Contains("succeeded in 30 s"));
        Assert.DoesNotContain(_slack.Calls, c => AllText(c.Json).Contains("could not be handled") || AllText(c.Json).Contains("lost track"));
        Assert.Single(DeploymentAudits());
    }

    [Fact]
    public async Task AnOpsOutageLongerThanADeployment_EndsWithAMessageSayingTheBotLostTrack()
    {
        await StartAsync(extra: new Dictionary<string, string> { ["Worker:DeploymentFollowFor"] = "00:00:01" });
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Failure = OpsDown();
        await DeliverAllFollowUpsAsync();

        var last = _slack.CallsTo("chat.update").Last();
        Assert.Contains($"I lost track of deployment `{id}`", Text(last));
        Assert.Contains("It was not stopped", Text(last));
        Assert.DoesNotContain(_slack.Calls, c => AllText(c.Json).Contains("could not be handled"));
    }

    [Fact]
    public async Task ADeploymentTheOpsServiceNoLongerKnows_EndsSayingItsHistoryIsGone()
    {
        await StartAsync();
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Failure = OpsDown(Grpc.Core.StatusCode.NotFound);
        Assert.True(await DeliverNextFollowUpAsync());

        Assert.Contains($"no longer knows deployment `{id}`: its history is gone", Text(_slack.CallsTo("chat.update").Last()));
        Assert.Equal(0, await DeliverAllFollowUpsAsync());
    }

    [Fact]
    public async Task AFirstFollowUpThatCannotBeQueuedAtOnce_IsQueuedOnASecondTry()
    {
        await StartAsync(followQueueFailures: 1);
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Update(id, d => d with { State = DeploymentState.Succeeded, FinishedAt = d.StartedAt.AddSeconds(8), ExitCode = 0 });

        Assert.True(await DeliverNextFollowUpAsync(), "the follow-up was queued after all");
        Assert.Contains("succeeded in 8 s", Text(_slack.CallsTo("chat.update").Last()));
    }

    [Fact]
    public async Task AFollowUpThatCannotBeQueuedAtAll_IsSaidInTheStartedMessage()
    {
        await StartAsync(followQueueFailures: 10);
        var started = await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");

        Assert.Contains(":rocket: Deployment of `demo`", Text(started));
        Assert.Contains("I could not follow this deployment, so this message will not change", Text(started));
        Assert.Equal(1, Calls("Deploy"));
    }

    [Fact]
    public async Task AProgressUpdateSlackRateLimited_IsNotPostedAfterTheFinalMessage()
    {
        await StartAsync(extra: new Dictionary<string, string> { ["Slack:MaxRetryAfter"] = "00:00:00.100" });
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Update(id, d => d with { Output = ["rolling out"] });
        _slack.Script("chat.update", _ => FakeSlackApi.RateLimited(1));
        Assert.True(await DeliverNextFollowUpAsync());
        _ops.Update(id, d => d with { State = DeploymentState.Succeeded, FinishedAt = d.StartedAt.AddSeconds(9), ExitCode = 0 });
        await DeliverAllFollowUpsAsync();

        Assert.Contains("succeeded in 9 s", Text(_slack.CallsTo("chat.update").Last()));
    }

    [Fact]
    public async Task AFailureInMilliseconds_SaysHowLongItTook()
    {
        await StartAsync();
        await ClickAsync(await AskAsync("deploy demo 1.5.0"), "U0BOB");
        var id = _ops.Deployments.Single().Id;
        _ops.Update(id, d => d with { State = DeploymentState.Failed, FinishedAt = d.StartedAt.AddMilliseconds(17), ExitCode = 3 });
        Assert.True(await DeliverNextFollowUpAsync());

        Assert.Contains("failed (exit status 3) after 17 ms", Text(_slack.CallsTo("chat.update").Last()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void APoisonedFollowUp_TellsTheConfirmerTheBotLostTrack_NotThatTheirClickFailed(bool withKind)
    {
        var follow = Envelopes.Mention("") with
        {
            Source = ChatOps.Core.Envelopes.EnvelopeSource.Button,
            Click = new ChatOps.Core.Envelopes.ButtonClick(ConfirmationActions.Confirm, "v.mac", "1700000000.000100"),
            Follow = new ChatOps.Core.Envelopes.DeploymentFollow("dep-7", 4),
            Kind = withKind ? ChatOps.Core.Envelopes.EnvelopeKind.DeploymentFollow : null,
        };
        var text = ChatOps.Core.Worker.PoisonNotifier.Message(follow).Text;

        Assert.Contains("I lost track of deployment `dep-7`", text);
        Assert.Contains("It was not stopped", text);
        Assert.DoesNotContain("click", text);
    }

    [Fact]
    public async Task TwoPersonRule_RequesterConfirming_IsRefusedAndNothingDeploys()
    {
        await StartAsync(requireApproval: true);
        var prompt = await AskAsync("deploy demo 1.5.0");
        var click = await ClickAsync(prompt, "U0ALICE");
        Assert.Contains("Two-person rule", Text(click));
        Assert.Equal(0, Calls("Deploy"));
    }

    [Fact]
    public async Task ACallerTheAccessPolicyDoesNotName_IsRefusedWithNoPrompt()
    {
        await StartAsync();
        var reply = await AskAsync("deploy demo 1.5.0", user: "U0MALLORY");
        Assert.False(HasButtons(reply));
        Assert.Equal(0, Calls("DeployPlan") + Calls("Deploy"));
    }

    [Fact]
    public async Task AnOpsServiceRefusal_AnswersInsteadOfAPrompt_AndNothingRuns()
    {
        _ops.DeployRefusal = "demo is being deployed already: 1.5.0, started by U0BOB at 2026-12-01 16:00:00 UTC (dep-1)";
        await StartAsync();
        var reply = await AskAsync("deploy demo 1.6.0");
        Assert.False(HasButtons(reply));
        Assert.Contains("demo is being deployed already: 1.5.0, started by U0BOB", Text(reply));
        Assert.Equal(0, Calls("Deploy"));
    }

    [Fact]
    public async Task Rollback_PromptNamesTheTarget_OrRefusesWithTheReason()
    {
        await StartAsync();
        var refused = await AskAsync("rollback demo");
        Assert.False(HasButtons(refused));
        Assert.Contains("no version of demo deployed successfully before 1.4.0", Text(refused));

        _ops.RollbackVersion = "1.3.2";
        var prompt = await AskAsync("rollback demo");
        Assert.Contains("roll `demo` back: `1.4.0` running now, back to `1.3.2`", Text(prompt));
        var started = await ClickAsync(prompt, "U0BOB");
        Assert.Contains("Rollback of `demo` `1.4.0` → `1.3.2` running", Text(started));
    }
}
