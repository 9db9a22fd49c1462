using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using ChatOps.Core.Alerts;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions.Storage;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOps.Tests.Alerts;

/// <summary>What a short Slack or storage failure while showing a notification must not do: lose it (a resolve never
/// shown), report a delivered one as failed, drop its graph or link, or post its message twice. Fake Slack, real
/// Azurite (records, claims, the queue a waiting notification comes back on).</summary>
public sealed class AlertDeliveryRetryTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private FlakyAlertMessages _records = null!;
    private QueueClient _later = null!;
    private readonly FakeOpsClient _ops = new();
    private const string Bearer = "Bearer " + AlertPayloads.Token;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _ops.Series = [new MetricSeries(new Dictionary<string, string> { ["service"] = "checkout" },
            Enumerable.Range(0, 30).Select(i => new MetricPoint(DateTimeOffset.UtcNow.AddMinutes(i - 30), i % 5)).ToList())];
        var queue = "alert-later-" + Guid.NewGuid().ToString("N")[..8];
        _later = new QueueClient((await Azurite.SharedAsync()).ConnectionString, queue,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await _later.CreateIfNotExistsAsync();
        var settings = new Dictionary<string, string>(AlertPayloads.Settings()) { ["Dedupe:ReplyQueue"] = queue };
        _app = await TestApp.StartAsync(_slack, settings, s =>
        {
            s.AddSingleton<IOpsClient>(_ops);
            s.AddSingleton(sp => new FlakyAlertMessages(new BlobAlertMessages(sp.GetRequiredService<StorageAccount>().Blobs()
                .GetBlobContainerClient(sp.GetRequiredService<IOptions<DedupeOptions>>().Value.Container))));
            s.AddSingleton<IAlertMessages>(sp => sp.GetRequiredService<FlakyAlertMessages>());
        });
        _records = _app.Services.GetRequiredService<FlakyAlertMessages>();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<JsonObject> QueueAsync(JsonObject payload)
    {
        var call = await _app.InvokeAlertmanagerAsync(payload.ToJsonString(), Bearer);
        Assert.Equal(200, call.Status);
        return call.Message!;
    }

    private async Task DeliverAsync(JsonObject payload, string messageId) =>
        Assert.Equal(200, await _app.InvokeWorkerAsync((await QueueAsync(payload)).ToJsonString(), messageId: messageId));

    /// <summary>The notification queued again to come back later (waits up to 30 s for it to become visible).</summary>
    private async Task<string> CameBackAsync()
    {
        for (var i = 0; i < 120; i++, await Task.Delay(250))
            if ((await _later.ReceiveMessagesAsync(1)).Value is [var message]) return message.Body.ToString();
        throw new TimeoutException("the notification was not queued again");
    }

    private List<RecordedCall> Tops() => _slack.CallsTo("chat.postMessage").Where(p => p.Str("thread_ts") is null).ToList();

    [Fact]
    public async Task AResolveDuringASlackOutage_WaitsOnTheQueue_AndShowsResolvedWhenSlackIsBack()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-20);
        await DeliverAsync(AlertPayloads.Group(startsAt: starts, expr: null), "m-1");
        _slack.Script("chat.update", _ => Results.StatusCode(503), _ => Results.StatusCode(503));
        var resolved = await QueueAsync(AlertPayloads.Group("resolved", startsAt: starts, endsAt: starts.AddMinutes(10), expr: null));

        // Not a failed attempt: the host's three quick retries would all fall inside the blip.
        Assert.Equal(200, await _app.InvokeWorkerAsync(resolved.ToJsonString(), messageId: "m-2"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(await CameBackAsync(), messageId: "m-2-later"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(await CameBackAsync(), messageId: "m-2-later-2"));

        Assert.Single(Tops());
        var last = _slack.CallsTo("chat.update")[^1];
        Assert.Equal("1700000000.000002", last.Str("ts"));
        Assert.Contains("RESOLVED", AlertPayloads.Texts(last));
    }

    [Fact]
    public async Task AnErrorRetryingCannotFix_FailsAtOnce_WithoutWaitingOnTheQueue()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.SlackError("not_authed"));

        Assert.Equal(500, await _app.InvokeWorkerAsync((await QueueAsync(AlertPayloads.Group(expr: null))).ToJsonString(), messageId: "m-1"));

        Assert.Empty((await _later.ReceiveMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task ASlackOutageLongerThanTheBound_FailsTheNotification_InsteadOfWaitingForever()
    {
        _slack.Script("chat.postMessage", _ => Results.StatusCode(503));
        var message = await QueueAsync(AlertPayloads.Group(expr: null));
        message["receivedAt"] = DateTimeOffset.UtcNow.AddMinutes(-31).ToString("O");

        Assert.Equal(500, await _app.InvokeWorkerAsync(message.ToJsonString(), messageId: "m-1"));

        Assert.Empty((await _later.ReceiveMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task ARedeliveryAfterACrash_WhoseStoredBodyIsGone_IsNotReportedAsFailed()
    {
        var message = await QueueAsync(AlertPayloads.Group(alerts: 1000, expr: null));
        Assert.Equal(200, await _app.InvokeWorkerAsync(message.ToJsonString(), messageId: "m-1"));
        // The worker died after showing it and before recording the delivery: no claim record, body already removed.
        foreach (var name in (await _app.DedupeKeysAsync()).Where(n => !n.StartsWith("alertmsg-", StringComparison.Ordinal)))
            await _app.Dedupe.DeleteBlobAsync(name);

        Assert.Equal(200, await _app.InvokeWorkerAsync(message.ToJsonString(), dequeueCount: 2, messageId: "m-1"));

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.DoesNotContain(_slack.Calls, c => c.Body.Contains("could not be posted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGraphUploadFailingAfterARefire_DoesNotFailTheNotification_AndTheLinkIsPosted()
    {
        var first = DateTimeOffset.UtcNow.AddMinutes(-50);
        await DeliverAsync(AlertPayloads.Group(startsAt: first), "m-1");
        await DeliverAsync(AlertPayloads.Group("resolved", startsAt: first, endsAt: first.AddMinutes(10)), "m-2");
        _slack.Script("files.getUploadURLExternal", _ => Results.StatusCode(503));

        await DeliverAsync(AlertPayloads.Group(startsAt: first.AddMinutes(30)), "m-3");

        Assert.Equal(2, Tops().Count);
        Assert.Contains(_slack.CallsTo("chat.postMessage"), p => (p.Str("text") ?? "").Contains("fired before", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALinkFailingAfterARefire_DoesNotFailTheNotification_AndTheGraphIsPosted()
    {
        var first = DateTimeOffset.UtcNow.AddMinutes(-50);
        await DeliverAsync(AlertPayloads.Group(startsAt: first), "m-1");
        await DeliverAsync(AlertPayloads.Group("resolved", startsAt: first, endsAt: first.AddMinutes(10)), "m-2");
        _slack.Script("chat.postMessage", _ => Results.Json(new JsonObject { ["ok"] = true, ["ts"] = "1700000000.900001" }),
            _ => Results.StatusCode(503));

        await DeliverAsync(AlertPayloads.Group(startsAt: first.AddMinutes(30)), "m-3");

        Assert.Equal(2, Tops().Count);
        Assert.Equal(2, _slack.CallsTo("files.completeUploadExternal").Count);
    }

    [Fact]
    public async Task SavingTheTsFailingOnceAfterThePost_DoesNotPostTheMessageTwice()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-20);
        _records.FailSavingTs = 1;
        var message = await QueueAsync(AlertPayloads.Group(startsAt: starts, expr: null));

        if (await _app.InvokeWorkerAsync(message.ToJsonString(), messageId: "m-1") != 200)
            await _app.InvokeWorkerAsync(message.ToJsonString(), dequeueCount: 2, messageId: "m-1");
        await DeliverAsync(AlertPayloads.Group("resolved", startsAt: starts, endsAt: starts.AddMinutes(10), expr: null), "m-2");

        var post = Assert.Single(Tops());
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal(post.Str("ts") ?? "1700000000.000002", update.Str("ts"));
        Assert.Contains("RESOLVED", AlertPayloads.Texts(update));
    }
}
