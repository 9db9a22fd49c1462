using System.Text.Json.Nodes;
using ChatOps.Core.Commands;
using ChatOps.Functions;
using Microsoft.Extensions.DependencyInjection;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Functions;

/// <summary>The `worker` and `poison` function classes called with a QueueMessage, as the isolated worker
/// calls them, answering into a fake Slack Web API.</summary>
public sealed class WorkerFunctionTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _app = await TestApp.StartAsync(_slack, services: s => s.AddSingleton<ICommand, PictureCommand>());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task HelpInAChannelThread_PostsOneThreadedReply()
    {
        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("help", threadTs: "1700000009.000900"));

        Assert.Equal(200, status);
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("C0CHAN1", post.Str("channel"));
        Assert.Equal("1700000009.000900", post.Str("thread_ts"));
        Assert.Contains("help [command]", post.Str("text"));
        Assert.NotEmpty(post.Json["blocks"]!.AsArray());
        Assert.Equal($"Bearer {SlackRequests.BotToken}", post.Authorization);
    }

    [Fact]
    public async Task SlashCommand_RepliesThroughResponseUrl_WithoutTheBotToken()
    {
        var status = await _app.InvokeWorkerAsync(Envelopes.Slash("help", _slack.ResponseUrl("r1")));

        Assert.Equal(200, status);
        var reply = Assert.Single(_slack.CallsTo("response_url"));
        Assert.Equal("in_channel", reply.Str("response_type"));
        Assert.Contains("help [command]", reply.Str("text"));
        Assert.Equal("", reply.Authorization);
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task UnknownCommand_GetsAFriendlyReply_AndIsNotRetried()
    {
        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("hlep"));

        Assert.Equal(200, status);
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("Did you mean `help`?", post.Str("text"));
    }

    [Fact]
    public async Task SlackOkFalse_IsNotRetried_BecauseRetryingCannotFixIt()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.SlackError("not_in_channel"));

        var before = TestLogs.All.Count;
        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("help"));

        Assert.Equal(200, status);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("not_in_channel", string.Join("\n", TestLogs.All.Skip(before)));
    }

    [Fact]
    public async Task SlackRefusingTheBlocks_GetsATextOnlyReply()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.SlackError("msg_blocks_too_long"));

        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("help"));

        Assert.Equal(200, status);
        var calls = _slack.CallsTo("chat.postMessage");
        Assert.Equal(2, calls.Count);
        Assert.NotEmpty(calls[0].Json["blocks"]!.AsArray());
        Assert.Empty(calls[1].Json["blocks"]!.AsArray());
        Assert.Contains("help [command]", calls[1].Str("text"));
    }

    [Fact]
    public async Task Slack429_IsWaitedOut_ThenTheReplyIsPostedOnce()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.RateLimited(1));

        var started = DateTime.UtcNow;
        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("help"));

        Assert.Equal(200, status);
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the Retry-After of 1 s was not honoured");
    }

    [Fact]
    public async Task SlackServerError_FailsTheInvocation_SoTheHostRetries()
    {
        _slack.Script("chat.postMessage", _ => Microsoft.AspNetCore.Http.Results.StatusCode(503));

        var before = TestLogs.All.Count;
        var status = await _app.InvokeWorkerAsync(Envelopes.Mention("help", id: "EvRetry"));

        Assert.Equal(500, status);
        Assert.Contains("Worker failed for EvRetry", string.Join("\n", TestLogs.All.Skip(before)));
    }

    [Fact]
    public async Task UnreadableMessage_IsCompletedWithAnErrorLog_AndNothingIsPosted()
    {
        foreach (var (text, id) in new[] { ("\"not an envelope\"", "m-string"), ("{not json", "m-broken"), ("{\"v\":2,\"id\":\"x\"}", "m-future") })
        {
            var before = TestLogs.All.Count;
            var status = await _app.InvokeWorkerAsync(text, messageId: id);

            Assert.Equal(200, status);
            Assert.Contains($"Dropped queue message {id}", string.Join("\n", TestLogs.All.Skip(before)));
        }
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task PoisonFunction_TellsTheUserInTheThread_WithTheErrorId()
    {
        var status = await _app.InvokePoisonAsync(Envelopes.Mention("alerts", id: "Ev0PoisonId", threadTs: "1700000005.000500"));

        Assert.Equal(200, status);
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal("1700000005.000500", post.Str("thread_ts"));
        Assert.Contains("`alerts` failed after every retry", post.Str("text"));
        Assert.Contains("Ev0PoisonId", post.Str("text"));
    }

    [Fact]
    public async Task SlashCommandFile_InAChannelWithoutTheBot_IsExplainedThroughResponseUrl()
    {
        _slack.Script("files.completeUploadExternal", _ => FakeSlackApi.SlackError("not_in_channel"));

        var status = await _app.InvokeWorkerAsync(Envelopes.Slash("picture", _slack.ResponseUrl("p1")));

        Assert.Equal(200, status);
        var reply = Assert.Single(_slack.CallsTo("response_url"));
        Assert.Equal("*A picture*\n:warning: I can't post files in this conversation: invite me to the channel, or mention me instead.", reply.Str("text"));
        Assert.Equal("ephemeral", reply.Str("response_type"));
    }
}
