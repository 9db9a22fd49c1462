using Azure.Storage.Queues;
using ChatOps.Core.Commands;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Ops;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>
/// Slack's 429 never costs a reply: a Retry-After longer than the worker may sleep (Slack__MaxRetryAfter, 1 s
/// here, so a Retry-After of 3 s stands for the 45 s that once lost a reply) keeps
/// the rendered reply and queues the envelope again, invisible for the Retry-After; the message that hit the
/// limit completes (no failed attempt, nothing counts towards maxDequeueCount); the command runs once and the
/// user gets exactly one answer.
/// </summary>
public sealed class RateLimitedReplyTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new();
    private readonly string _queue = "replies-" + Guid.NewGuid().ToString("N")[..10];
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;
    private QueueClient _replies = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _app = await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Slack:MaxRetryAfter"] = "00:00:01",
            ["Dedupe:ReplyQueue"] = _queue,
        }, services => services.AddSingleton<IOpsClient>(_ops).AddSingleton<ICommand, PictureCommand>());
        _replies = new QueueClient((await Azurite.SharedAsync()).ConnectionString, _queue,
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task ALongRetryAfter_CompletesTheMessage_AndQueuesTheReplyForLater_Once()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.RateLimited(3));
        var envelope = Envelopes.Mention("deployed version", id: "Ev429");

        Assert.Equal(200, await _app.InvokeWorkerAsync(envelope, dequeueCount: 1, messageId: "m429"));

        Assert.Single(_ops.Calls);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        // Queued again, but hidden for the Retry-After: nothing to receive now.
        var properties = await _replies.GetPropertiesAsync();
        Assert.Equal(1, properties.Value.ApproximateMessagesCount);
        Assert.Empty((await _replies.ReceiveMessagesAsync(1)).Value);

        // What the queue hands the worker once the wait is over (a fresh message: dequeue count 1).
        var text = await HiddenMessageAsync();
        var deferred = EnvelopeJson.TryDeserialize(System.Text.Json.JsonDocument.Parse(text).RootElement)!;
        Assert.Equal(1, deferred.Deferred!.Round);
        Assert.Equal(200, await _app.InvokeWorkerAsync(text, dequeueCount: 1, messageId: "m429-later"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(text, dequeueCount: 2, messageId: "m429-later"));

        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.Contains("v1.2.3", posts[1].Str("text"));
        Assert.Single(_ops.Calls);
        // The original message delivered again (a Slack retry) runs nothing and says nothing.
        Assert.Equal(200, await _app.InvokeWorkerAsync(envelope, dequeueCount: 1, messageId: "m429-retry"));
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task AGraphReply_IsKeptWithItsPicture()
    {
        _slack.Script("files.getUploadURLExternal", _ => FakeSlackApi.RateLimited(3));

        Assert.Equal(200, await _app.InvokeWorkerAsync(Envelopes.Mention("picture", id: "Ev429pic"), messageId: "m429pic"));
        Assert.Equal(200, await _app.InvokeWorkerAsync(await HiddenMessageAsync(), messageId: "m429pic-later"));

        var upload = Assert.Single(_slack.CallsTo("upload"));
        Assert.Equal([1, 2, 3], upload.Bytes);
    }

    [Fact]
    public async Task ThePoisonNotice_IsKeptForLaterToo()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.RateLimited(3));

        Assert.Equal(200, await _app.InvokePoisonAsync(Envelopes.Mention("alerts", id: "Ev429poison")));
        Assert.Equal(200, await _app.InvokeWorkerAsync(await HiddenMessageAsync(), messageId: "m429poison-later"));

        var posts = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.Contains("`alerts` failed after every retry", posts[1].Str("text"));
    }

    /// <summary>The one message in the reply queue, once its Retry-After has passed and the queue shows it.</summary>
    private async Task<string> HiddenMessageAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var received = (await _replies.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value;
            if (received.Length == 1)
            {
                await _replies.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);
                return received[0].Body.ToString();
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("no deferred reply became visible");
    }
}
