using System.Text.Json.Nodes;
using ChatOps.Core.Delivery;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions.Storage;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Functions;

/// <summary>`profile` through the slack function, the queue and the worker: the looks that collect the profile ride
/// out an Ops service that does not answer for a while, and a first look that cannot be queued is said in the thread.</summary>
public sealed class ProfileFlowTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new();
    private readonly string _followQueue = "prof-" + Guid.NewGuid().ToString("N")[..12];
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        if (_bot is not null) await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task StartAsync(int followQueueFailures = 0)
    {
        var now = DateTimeOffset.UtcNow;
        var taking = new ProfileInfo("p1", "demo", "heap", 0, "U0ALICE", now, now, false, null);
        _ops.ProfileAnswer = new ProfileStart(taking, null);
        _ops.Collected = taking with { Done = true, Failure = "the target answered 500" };
        var app = await TestApp.StartAsync(_slack, new Dictionary<string, string> { ["Dedupe:ReplyQueue"] = _followQueue }, services =>
        {
            services.AddSingleton<IOpsClient>(_ops);
            if (followQueueFailures > 0)
                services.AddSingleton<IFollowUps>(sp => new FailingFollowUps(
                    new StorageFollowUps(sp.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue)), followQueueFailures));
        });
        _bot = new HostedBot(app);
    }

    private async Task AskAsync(string text)
    {
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: "U0ALICE", ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
    }

    private async Task<bool> DeliverNextFollowUpAsync(int tries = 200)
    {
        var queue = _bot.App.Services.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue);
        for (var i = 0; i < tries; i++)
        {
            var message = (await queue.ReceiveMessageAsync()).Value;
            if (message is not null)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                await _bot.DeliverAsync(JsonNode.Parse(message.Body.ToString())!.AsObject(), 1, message.MessageId);
                return true;
            }
            await Task.Delay(50);
        }
        return false;
    }

    private static OpsException OpsDown(Grpc.Core.StatusCode code) => new(code, "CollectProfile", "http://127.0.0.1:1", "connection refused");

    private string Posted() => string.Join("\n", _slack.CallsTo("chat.postMessage").Select(c => (string?)c.Json["text"] ?? ""));

    [Fact]
    public async Task AnOpsServiceThatDoesNotAnswerForAWhile_IsWaitedOut_AndTheProfileAnswerStillArrives()
    {
        await StartAsync();
        await AskAsync("profile demo heap");
        _ops.Failure = OpsDown(Grpc.Core.StatusCode.Unavailable);
        Assert.True(await DeliverNextFollowUpAsync(), "the first look");
        _ops.Failure = OpsDown(Grpc.Core.StatusCode.ResourceExhausted);
        Assert.True(await DeliverNextFollowUpAsync(), "an unanswered look is followed by another");
        _ops.Failure = null;
        Assert.True(await DeliverNextFollowUpAsync(), "a busy Ops service is waited out too");

        Assert.Contains("No heap profile of `demo`: the target answered 500", Posted());
        Assert.DoesNotContain("every retry", Posted());
        Assert.False(await DeliverNextFollowUpAsync(tries: 40), "nothing is queued after the answer");
    }

    [Fact]
    public async Task AFirstLookThatCannotBeQueued_IsTriedAgain_AndThenSaidInTheThread()
    {
        await StartAsync(followQueueFailures: 10);
        await AskAsync("profile demo heap");

        Assert.Contains("could not collect the heap profile of `demo`", Posted());
    }

    [Fact]
    public async Task AFirstLookQueuedOnItsSecondTry_StillCollectsTheProfile()
    {
        await StartAsync(followQueueFailures: 1);
        await AskAsync("profile demo heap");
        Assert.True(await DeliverNextFollowUpAsync());

        Assert.Contains("No heap profile of `demo`: the target answered 500", Posted());
    }
}
