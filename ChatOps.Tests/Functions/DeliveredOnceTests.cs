using System.Text.Json.Nodes;
using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Ops;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>
/// One reply per thing the user did: Slack's retries of an event and the queue's redelivery of a message
/// are recognised by the envelope's dedupe key and run nothing, on one instance or across two, through the
/// delivery claims in a real Azurite.
/// </summary>
public sealed class DeliveredOnceTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new();
    private FakeSlackApi _slack = null!;
    private readonly List<TestApp> _apps = [];

    public async Task InitializeAsync() => _slack = await FakeSlackApi.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<TestApp> StartAsync(string? container = null, IOpsClient? ops = null)
    {
        var settings = container is null ? null : new Dictionary<string, string> { ["Dedupe:Container"] = container };
        var app = await TestApp.StartAsync(_slack, settings, s => s.AddSingleton(ops ?? _ops));
        _apps.Add(app);
        return app;
    }

    private static JsonObject Message(CommandEnvelope envelope) => EnvelopeJson.ToJsonObject(envelope);

    [Fact]
    public async Task TheSameEventDeliveredThreeTimes_GetsOneReply_AndOneOpsCall()
    {
        var bot = new HostedBot(await StartAsync());
        var body = SlackRequests.AppMention("<@UBOT0001> deployed version", eventId: "EvRetry1", ts: "1700000200.000100");

        // Slack's first delivery, then its retries (X-Slack-Retry-Num 1 and 2) of the very same body: three queue messages.
        foreach (var retry in new int?[] { null, 1, 2 })
            Assert.Equal(200, (await bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, retryNum: retry))).AckStatus);

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Single(_ops.Calls);
    }

    [Fact]
    public async Task ASignedSlashCommandWithoutTriggerId_ReplayedTwice_IsAnsweredOnce()
    {
        var bot = new HostedBot(await StartAsync());
        var body = SlackRequests.SlashCommand("deployed version", _slack.ResponseUrl("replay"), triggerId: "").Replace("&trigger_id=", "");
        var headers = SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded");

        // The very same signed request, as a replay within the 5-minute window sends it.
        Assert.Equal(200, (await bot.FromSlackAsync(body, headers)).AckStatus);
        Assert.Equal(200, (await bot.FromSlackAsync(body, headers)).AckStatus);

        Assert.Single(_slack.CallsTo("response_url"));
        Assert.Single(_ops.Calls);
    }

    [Fact]
    public async Task OneMessage_UnderTwoEventIds_GetsOneReply()
    {
        // Slack may deliver one message twice with different event_ids; channel + ts is the same.
        var bot = new HostedBot(await StartAsync());
        var first = SlackRequests.AppMention("<@UBOT0001> help", eventId: "EvTwinA", ts: "1700000200.000300");
        var second = SlackRequests.AppMention("<@UBOT0001> help", eventId: "EvTwinB", ts: "1700000200.000300");

        await bot.FromSlackAsync(first, SlackRequests.SignedHeaders(first));
        await bot.FromSlackAsync(second, SlackRequests.SignedHeaders(second));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task TheSameQueueMessageDeliveredAgain_GetsOneReply_OnTheSameInstance_AndOnAnother()
    {
        var container = "dedupe-shared-" + Guid.NewGuid().ToString("N")[..8];
        var bot = new HostedBot(await StartAsync(container));
        var other = new HostedBot(await StartAsync(container));
        var message = Message(Envelopes.Mention("deployed version", id: "EvQueue1"));

        Assert.Equal(200, await bot.DeliverAsync(message, dequeueCount: 1, messageId: "m1"));
        Assert.Equal(200, await bot.DeliverAsync(message, dequeueCount: 2, messageId: "m1"));
        Assert.Equal(200, await other.DeliverAsync(message, dequeueCount: 3, messageId: "m1"));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Single(_ops.Calls);
        Assert.Single(await bot.App.DedupeKeysAsync());
    }

    [Fact]
    public async Task TwoWorkersRacingOnOneEvent_RunItOnce_AndReplyOnce()
    {
        // Two instances, one dedupe container; two deliveries of one event (Slack's retry enqueued while the
        // first was still queued) released at the same moment, again and again.
        var container = "dedupe-race-" + Guid.NewGuid().ToString("N")[..8];
        var slowOps = new FakeOpsClient { Delay = TimeSpan.FromMilliseconds(150) };
        var first = new HostedBot(await StartAsync(container, slowOps));
        var second = new HostedBot(await StartAsync(container, slowOps));
        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            var message = Message(Envelopes.Mention("deployed version", id: $"EvRace{round}"));
            using var gate = new SemaphoreSlim(0);
            var a = Task.Run(async () => { await gate.WaitAsync(); return await first.DeliverAsync(message, messageId: $"race-{round}-a"); });
            var b = Task.Run(async () => { await gate.WaitAsync(); return await second.DeliverAsync(message, messageId: $"race-{round}-b"); });
            gate.Release(2);
            var statuses = await Task.WhenAll(a, b);
            Assert.Equal([200, 200], statuses);
        }

        Assert.Equal(rounds, slowOps.Calls.Count);
        Assert.Equal(rounds, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task AFailedDelivery_ReleasesItsClaim_SoTheRedeliveryStillAnswers()
    {
        var bot = new HostedBot(await StartAsync());
        var message = Message(Envelopes.Mention("deployed version", id: "EvFlaky"));
        _slack.Script("chat.postMessage", _ => Microsoft.AspNetCore.Http.Results.StatusCode(503));

        Assert.Equal(500, await bot.DeliverAsync(message, dequeueCount: 1, messageId: "m-flaky"));
        Assert.Empty(await bot.App.DedupeKeysAsync());
        Assert.Equal(200, await bot.DeliverAsync(message, dequeueCount: 2, messageId: "m-flaky"));

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Single(await bot.App.DedupeKeysAsync());
    }

    [Fact]
    public async Task AClaimLeftByADeadWorker_IsTakenOverByItsMessagesNextDelivery()
    {
        var app = await StartAsync();
        var bot = new HostedBot(app);
        var envelope = Envelopes.Mention("help", id: "EvDead");
        // What a worker killed mid-command leaves: its claim, under its own queue message's id.
        await app.Dedupe.CreateIfNotExistsAsync();
        await app.Dedupe.UploadBlobAsync(envelope.DedupeKey,
            BinaryData.FromString(new ClaimMarker(ClaimMarker.Kind, "m-dead", DateTimeOffset.UtcNow).ToJson()));

        Assert.Equal(200, await bot.DeliverAsync(Message(envelope), dequeueCount: 2, messageId: "m-dead"));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task ALiveClaimOfAnotherDelivery_IsLeftToIt_AndNothingIsPosted()
    {
        var app = await StartAsync();
        var bot = new HostedBot(app);
        var envelope = Envelopes.Mention("help", id: "EvLive");
        await app.Dedupe.CreateIfNotExistsAsync();
        await app.Dedupe.UploadBlobAsync(envelope.DedupeKey,
            BinaryData.FromString(new ClaimMarker(ClaimMarker.Kind, "m-running-elsewhere", DateTimeOffset.UtcNow).ToJson()));

        Assert.Equal(200, await bot.DeliverAsync(Message(envelope), messageId: "m-retry"));

        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task AnUnreadableDedupeBlob_DoesNotBlockTheCommand()
    {
        var app = await StartAsync();
        var bot = new HostedBot(app);
        var envelope = Envelopes.Mention("help", id: "EvJunk");
        await app.Dedupe.CreateIfNotExistsAsync();
        await app.Dedupe.UploadBlobAsync(envelope.DedupeKey, BinaryData.FromString("not json at all"));

        Assert.Equal(200, await bot.DeliverAsync(Message(envelope)));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }
}
