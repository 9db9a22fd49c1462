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

    private async Task StartAsync(int followQueueFailures = 0, string? collectFor = null, bool firstQueueingCancelled = false)
    {
        var now = DateTimeOffset.UtcNow;
        var taking = new ProfileInfo("p1", "demo", "heap", 0, "U0ALICE", now, now, false, null);
        _ops.ProfileAnswer = new ProfileStart(taking, null);
        _ops.Collected = taking with { Done = true, Failure = "the target answered 500" };
        var settings = new Dictionary<string, string> { ["Dedupe:ReplyQueue"] = _followQueue };
        if (collectFor is not null) settings["Worker:ProfileCollectFor"] = collectFor;
        var app = await TestApp.StartAsync(_slack, settings, services =>
        {
            services.AddSingleton<IOpsClient>(_ops);
            if (followQueueFailures > 0)
                services.AddSingleton<IFollowUps>(sp => new FailingFollowUps(
                    new StorageFollowUps(sp.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue)), followQueueFailures));
            if (firstQueueingCancelled)
                services.AddSingleton<IFollowUps>(sp => new CancelledOnceFollowUps(
                    new StorageFollowUps(sp.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue))));
        });
        _bot = new HostedBot(app);
    }

    private async Task<JsonObject?> AskAsync(string text)
    {
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: "U0ALICE", ts: Envelopes.NextTs());
        return (await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body))).Message;
    }

    /// <summary>The first queueing is cut off as an invocation is when the host stops: the command's delivery fails after
    /// its notice was posted, and the queue delivers it again.</summary>
    private sealed class CancelledOnceFollowUps(IFollowUps inner) : IFollowUps
    {
        private int _calls;

        public Task QueueAsync(ChatOps.Core.Envelopes.CommandEnvelope envelope, TimeSpan delay, CancellationToken ct = default) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new OperationCanceledException("the host is stopping")
                : inner.QueueAsync(envelope, delay, ct);
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

    [Fact]
    public async Task ACommandDeliveredAgainAfterItsNoticeWasPosted_SaysTakingOnce_AndCollectsOnce()
    {
        await StartAsync(firstQueueingCancelled: true);
        var message = await AskAsync("profile demo heap");
        Assert.NotNull(message);
        Assert.Single(_slack.CallsTo("chat.postMessage"), c => ((string?)c.Json["text"] ?? "").Contains("Taking a heap profile"));

        await _bot.DeliverAsync(message!, dequeueCount: 2);
        Assert.True(await DeliverNextFollowUpAsync(), "the look queued by the second delivery");

        Assert.Single(_slack.CallsTo("chat.postMessage"), c => ((string?)c.Json["text"] ?? "").Contains("Taking a heap profile"));
        Assert.Single(_slack.CallsTo("chat.postMessage"), c => ((string?)c.Json["text"] ?? "").Contains("No heap profile of `demo`: the target answered 500"));
        Assert.False(await DeliverNextFollowUpAsync(tries: 40), "nothing is queued after the answer");
    }

    [Fact]
    public async Task AnOpsServiceSilentPastTheCollectionBound_EndsWithTheProfileSaidLost_Once()
    {
        await StartAsync(collectFor: "00:00:00.5");
        await AskAsync("profile demo heap");
        _ops.Failure = OpsDown(Grpc.Core.StatusCode.Unavailable);

        Assert.True(await DeliverNextFollowUpAsync(), "the first look, due a second after the command");

        Assert.Contains("The heap profile of `demo` was lost: the Ops service did not answer", Posted());
        Assert.False(await DeliverNextFollowUpAsync(tries: 60), "no look is queued after it was said lost");
    }

    [Fact]
    public async Task WithTheDefaultBound_AMissedLookIsFollowedByAnother_NotSaidLost()
    {
        await StartAsync();
        await AskAsync("profile demo heap");
        _ops.Failure = OpsDown(Grpc.Core.StatusCode.Unavailable);

        Assert.True(await DeliverNextFollowUpAsync(), "the first look");

        Assert.DoesNotContain("was lost", Posted());
        Assert.True(await DeliverNextFollowUpAsync(), "the next look after the miss");
    }

    [Fact]
    public async Task AFinishedProfile_PostsTheFilesThenOneTableMessage_EvenWhenItsLookIsDeliveredTwice()
    {
        await StartAsync();
        _ops.Collected = _ops.Collected! with
        {
            Failure = null, Raw = [0x1f, 0x8b, 0x08], SampleType = "inuse_space", Unit = "bytes", Total = 2048, SampleCount = 3,
            Top = [new("main.<hot>", 1536, 2048), new("main.cold", 512, 512)],
            Flame = [new("main.<hot>", 2048, -1), new("main.cold", 512, 0)],
        };
        await AskAsync("profile demo heap");
        var queue = _bot.App.Services.GetRequiredService<StorageAccount>().Queues().GetQueueClient(_followQueue);
        Azure.Storage.Queues.Models.QueueMessage? look = null;
        for (var i = 0; i < 200 && look is null; i++)
        {
            look = (await queue.ReceiveMessageAsync()).Value;
            if (look is null) await Task.Delay(50);
        }
        Assert.NotNull(look);
        await queue.DeleteMessageAsync(look!.MessageId, look.PopReceipt);
        var envelope = JsonNode.Parse(look.Body.ToString())!.AsObject();

        await _bot.DeliverAsync(envelope, 1, look.MessageId);
        await _bot.DeliverAsync(envelope, 2, look.MessageId);

        var tables = _slack.CallsTo("chat.postMessage").Where(c => c.Json["blocks"]?.AsArray().Any(b => (string?)b!["type"] == "table") == true).ToList();
        var table = Assert.Single(tables).Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "table")!;
        Assert.Equal("main.<hot>", (string?)table["rows"]![1]![4]!["text"]);
        Assert.Equal("75.0%", (string?)table["rows"]![1]![1]!["text"]);
        Assert.Contains("main.&lt;hot&gt;", (string?)tables[0].Json["text"]);
        Assert.Equal(2, _slack.CallsTo("upload").Count);
    }
}
