using System.Text.Json.Nodes;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Alerts;

/// <summary>The `alertmanager` function and the worker behind it, against a fake Slack and Azurite.</summary>
public sealed class AlertmanagerFunctionTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private readonly FakeOpsClient _ops = new();

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _ops.Series = [new MetricSeries(new Dictionary<string, string> { ["service"] = "checkout" },
            Enumerable.Range(0, 60).Select(i => new MetricPoint(DateTimeOffset.UtcNow.AddMinutes(i - 60), i % 7)).ToList())];
        _app = await TestApp.StartAsync(_slack, AlertPayloads.Settings(), s => s.AddSingleton<IOpsClient>(_ops));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private const string Bearer = "Bearer " + AlertPayloads.Token;

    /// <summary>Posts the notification and, when queued, hands the message to the worker as the queue would.</summary>
    private async Task<SlackCall> DeliverAsync(JsonObject payload, string messageId = "m-1")
    {
        var call = await _app.InvokeAlertmanagerAsync(payload.ToJsonString(), Bearer);
        if (call.Message is { } message) Assert.Equal(200, await _app.InvokeWorkerAsync(message.ToJsonString(), messageId: messageId));
        return call;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token-wrong-token-0000")]
    [InlineData("Basic " + AlertPayloads.Token)]
    [InlineData("Bearer " + AlertPayloads.Token + "x")]
    public async Task MissingOrWrongToken_Is401_AndNothingIsQueued(string? authorization)
    {
        var call = await _app.InvokeAlertmanagerAsync(AlertPayloads.Group().ToJsonString(), authorization);

        Assert.Equal(401, call.Status);
        Assert.Null(call.Message);
    }

    [Theory]
    [InlineData("{\"version\":\"3\",\"groupKey\":\"g\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{}]}", "version \"3\" is not supported")]
    [InlineData("{\"version\":\"4\"", "not JSON")]
    [InlineData("{\"version\":\"4\",\"groupKey\":\"g\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{\"status\":\"firing\"}]}", "alerts[0].startsAt is missing")]
    public async Task MalformedOrUnknownVersion_Is400_WithTheReason_AndNothingIsPosted(string body, string reason)
    {
        var call = await _app.InvokeAlertmanagerAsync(body, Bearer);

        Assert.Equal(400, call.Status);
        Assert.Contains(reason, call.Body);
        Assert.Null(call.Message);
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task FiringGroup_IsPostedOnce_WithItsAlerts_AndItsGraphInTheThread()
    {
        await DeliverAsync(AlertPayloads.Group(alerts: 2));

        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(AlertPayloads.Channel, post.Str("channel"));
        Assert.Null(post.Str("thread_ts"));
        var blocks = AlertPayloads.Texts(post);
        Assert.Contains("FIRING: HighErrorRate (critical)", blocks);
        Assert.Contains("2 firing", blocks);
        Assert.Contains("instance=pod-1", blocks);
        Assert.Contains("https://runbooks.example.com/high-error-rate|runbook", blocks);
        // Text from Alertmanager cannot mention the whole channel.
        Assert.DoesNotContain("<!channel>", blocks + post.Str("text"));
        Assert.Contains("&lt;!channel&gt;", blocks);

        var complete = Assert.Single(_slack.CallsTo("files.completeUploadExternal"));
        Assert.Equal("1700000000.000002", complete.Form("thread_ts"));
        Assert.Equal("rate(http_errors_total[5m]) > 1", Assert.Single(_ops.Calls, c => c.Method == "QueryRange").Request);
        Assert.True(Png.Decode(Assert.Single(_slack.CallsTo("upload")).Bytes).Width > 100);
    }

    [Fact]
    public async Task ResentNotification_PostsOneMessage()
    {
        var payload = AlertPayloads.Group();
        await DeliverAsync(payload, "m-1");
        await DeliverAsync(payload, "m-2");

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task ResolvedNotification_UpdatesTheSameMessage_SayingHowLongItFired()
    {
        var starts = DateTimeOffset.UtcNow.AddMinutes(-30);
        await DeliverAsync(AlertPayloads.Group(startsAt: starts), "m-1");
        await DeliverAsync(AlertPayloads.Group("resolved", startsAt: starts, endsAt: starts.AddMinutes(12).AddSeconds(5)), "m-2");

        Assert.Single(_slack.CallsTo("chat.postMessage"));
        var update = Assert.Single(_slack.CallsTo("chat.update"));
        Assert.Equal(AlertPayloads.Channel, update.Str("channel"));
        Assert.Equal("1700000000.000002", update.Str("ts"));
        Assert.Contains("RESOLVED: HighErrorRate", AlertPayloads.Texts(update));
        Assert.Contains("Resolved* after 12m05s", AlertPayloads.Texts(update));
    }

    [Fact]
    public async Task PostFailing_WaitsOnTheQueue_AndTheRetryPostsWithoutWaiting()
    {
        _slack.Script("chat.postMessage", _ => Microsoft.AspNetCore.Http.Results.StatusCode(503));
        var call = await _app.InvokeAlertmanagerAsync(AlertPayloads.Group(expr: null).ToJsonString(), Bearer);

        // A Slack 5xx is worth waiting out: the notification is queued again, not failed.
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), dequeueCount: 1, messageId: "m-1"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(call.Message!.ToJsonString(), dequeueCount: 1, messageId: "m-1-later"));

        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task ARateLimitedPost_WaitsOnTheQueue_NotAsAFailure_AndPostsOnceAfterTheWait()
    {
        var queue = "alert-replies-" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await TestApp.StartAsync(_slack, new Dictionary<string, string>(AlertPayloads.Settings())
        {
            ["Slack:MaxRetryAfter"] = "00:00:01",
            ["Dedupe:ReplyQueue"] = queue,
        }, s => s.AddSingleton<IOpsClient>(_ops));
        _slack.Script("chat.postMessage", _ => FakeSlackApi.RateLimited(3));
        var call = await app.InvokeAlertmanagerAsync(AlertPayloads.Group(expr: null).ToJsonString(), Bearer);

        // The invocation succeeds (no attempt used); the notification is queued again, hidden for the Retry-After.
        Assert.Equal(200, await app.InvokeWorkerAsync(call.Message!.ToJsonString(), dequeueCount: 1, messageId: "m-429"));
        var replies = new Azure.Storage.Queues.QueueClient((await Azurite.SharedAsync()).ConnectionString, queue,
            new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        Assert.Empty((await replies.ReceiveMessagesAsync(1)).Value);
        Azure.Storage.Queues.Models.QueueMessage[] later = [];
        for (var i = 0; i < 120 && later.Length == 0; i++, await Task.Delay(250)) later = (await replies.ReceiveMessagesAsync(1)).Value;

        Assert.Equal(200, await app.InvokeWorkerAsync(Assert.Single(later).Body.ToString(), dequeueCount: 1, messageId: "m-429-later"));

        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.Contains("FIRING: HighErrorRate", AlertPayloads.Texts(posts[1]));
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    [Fact]
    public async Task LargeGroup_ShowsTheFirstAlerts_AndCountsTheRest()
    {
        await DeliverAsync(AlertPayloads.Group(alerts: 30));

        var blocks = AlertPayloads.Texts(Assert.Single(_slack.CallsTo("chat.postMessage")));
        Assert.Contains("and 22 more alerts", blocks);
        Assert.DoesNotContain("pod-8", blocks);
    }

    [Fact]
    public async Task OpsDown_StillPostsTheMessage_AndSaysWhyThereIsNoGraph()
    {
        _ops.Failure = new OpsException(Grpc.Core.StatusCode.Unavailable, "QueryRange", "http://ops", "connection refused");

        await DeliverAsync(AlertPayloads.Group());

        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.Equal("1700000000.000002", posts[1].Str("thread_ts"));
        Assert.Contains("graph could not be drawn", posts[1].Str("text"));
    }
}
