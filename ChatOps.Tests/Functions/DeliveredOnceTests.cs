using System.Net;
using System.Text.Json.Nodes;
using ChatOps.Core.Ops;
using ChatOps.Functions;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>
/// One reply per thing the user did: Slack's retries of an event and the queue's redelivery of a message
/// are recognised by the envelope's dedupe key and run nothing, on one instance or across two.
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

    private async Task<TestApp> StartAsync(AppMode mode)
    {
        var app = await TestApp.StartAsync(mode, _slack, null, s => s.AddSingleton<IOpsClient>(_ops));
        _apps.Add(app);
        return app;
    }

    [Fact]
    public async Task TheSameEventDeliveredThreeTimes_ByTheHost_GetsOneReply_AndOneOpsCall()
    {
        var bot = new HostedBot(await StartAsync(AppMode.Host));
        var body = SlackRequests.AppMention("<@UBOT0001> deployed version", eventId: "EvRetry1", ts: "1700000200.000100");

        // Slack's first delivery, then its retries (X-Slack-Retry-Num 1 and 2) of the very same body.
        foreach (var retry in new int?[] { null, 1, 2 })
            Assert.Equal(200, (await bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, retryNum: retry))).AckStatus);

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Single(_ops.Calls);
    }

    [Fact]
    public async Task TheSameEventDeliveredThreeTimes_InLocalMode_GetsOneReply()
    {
        var app = await StartAsync(AppMode.Local);
        var body = SlackRequests.AppMention("<@UBOT0001> deployed version", eventId: "EvRetry2", ts: "1700000200.000200");

        foreach (var retry in new int?[] { null, 1, 2 })
            Assert.Equal(HttpStatusCode.OK, (await app.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body, retryNum: retry))).StatusCode);

        await _slack.WaitForCallsAsync("chat.postMessage", 1);
        await Task.Delay(500); // the retries' deliveries have long run by now (local delivery takes milliseconds)
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Single(_ops.Calls);
    }

    [Fact]
    public async Task OneMessage_UnderTwoEventIds_GetsOneReply()
    {
        // Slack may deliver one message twice with different event_ids; channel + ts is the same.
        var bot = new HostedBot(await StartAsync(AppMode.Host));
        var first = SlackRequests.AppMention("<@UBOT0001> help", eventId: "EvTwinA", ts: "1700000200.000300");
        var second = SlackRequests.AppMention("<@UBOT0001> help", eventId: "EvTwinB", ts: "1700000200.000300");

        await bot.FromSlackAsync(first, SlackRequests.SignedHeaders(first));
        await bot.FromSlackAsync(second, SlackRequests.SignedHeaders(second));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task TheSameQueueMessageDeliveredTwice_GetsOneReply_OnTheSameInstance_AndOnAnother()
    {
        var bot = new HostedBot(await StartAsync(AppMode.Host));
        var other = new HostedBot(await StartAsync(AppMode.Host), bot.Blobs);
        var message = Core.Envelopes.EnvelopeJson.ToJsonObject(Envelopes.Mention("deployed version", id: "EvQueue1"));

        Assert.Equal(200, await bot.DeliverAsync(message, dequeueCount: 1));
        Assert.Equal(200, await bot.DeliverAsync(message, dequeueCount: 2));
        Assert.Equal(200, await other.DeliverAsync(message, dequeueCount: 3));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Single(_ops.Calls);
        Assert.Single(bot.Blobs);
    }

    [Fact]
    public async Task AFailedDelivery_StoresNothing_SoTheRedeliveryStillAnswers()
    {
        var bot = new HostedBot(await StartAsync(AppMode.Host));
        var message = Core.Envelopes.EnvelopeJson.ToJsonObject(Envelopes.Mention("deployed version", id: "EvFlaky"));
        _slack.Script("chat.postMessage", _ => Microsoft.AspNetCore.Http.Results.StatusCode(503));

        Assert.Equal(500, await bot.DeliverAsync(message, dequeueCount: 1));
        Assert.Empty(bot.Blobs);
        Assert.Equal(200, await bot.DeliverAsync(message, dequeueCount: 2));

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Single(bot.Blobs);
    }

    [Fact]
    public async Task AnUnreadableDedupeBlob_DoesNotBlockTheCommand()
    {
        var bot = new HostedBot(await StartAsync(AppMode.Host));
        var envelope = Envelopes.Mention("help", id: "EvJunk");
        bot.Blobs[envelope.DedupeKey] = "not json at all";
        var message = Core.Envelopes.EnvelopeJson.ToJsonObject(envelope);

        Assert.Equal(200, await bot.DeliverAsync(message));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }
}
