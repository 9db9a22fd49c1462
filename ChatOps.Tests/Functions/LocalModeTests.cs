using System.Text.Json.Nodes;
using ChatOps.Core.Commands;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>Local mode end to end: a raw Slack request on /api/slack, the queues in a real Azurite (its own,
/// so no other test takes its messages), the worker and the poison function classes the host would call.</summary>
public sealed class LocalModeTests : IAsyncLifetime
{
    private readonly ExplodingCommand _exploding = new();
    private FakeSlackApi _slack = null!;
    private Azurite _azurite = null!;
    private LocalApp _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _azurite = await Azurite.StartAsync();
        _app = await LocalApp.StartAsync(_azurite, _slack,
            new Dictionary<string, string> { ["Worker:MaxDequeueCount"] = "3" },
            services => services.AddSingleton<ICommand>(_exploding));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Mention_IsAcknowledgedAtOnce_ThenAnsweredInItsThread()
    {
        var body = SlackRequests.AppMention("<@UBOT0001>   help", ts: "1700000100.000001");

        var ack = await _app.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, (int)ack.StatusCode);
        var post = Assert.Single(await _slack.WaitForCallsAsync("chat.postMessage", 1));
        Assert.Equal("1700000100.000001", post.Str("thread_ts"));
        Assert.Contains("help [command]", post.Str("text"));
    }

    [Fact]
    public async Task SlashCommand_GetsWorkingOnAtOnce_ThenTheAnswerOnItsResponseUrl()
    {
        var body = SlackRequests.SlashCommand("help", _slack.ResponseUrl("slash1"));

        var ack = await _app.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));

        Assert.Equal(200, (int)ack.StatusCode);
        Assert.Equal("ephemeral", (string?)JsonNode.Parse(await ack.Content.ReadAsStringAsync())!["response_type"]);
        var reply = Assert.Single(await _slack.WaitForCallsAsync("response_url", 1));
        Assert.Contains("help [command]", reply.Str("text"));
    }

    [Fact]
    public async Task BadSignature_Is401_AndNothingIsAnswered()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help");

        var ack = await _app.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body, secret: "nope"));

        Assert.Equal(401, (int)ack.StatusCode);
        await Task.Delay(300);
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task FailingCommand_IsRetriedMaxDequeueCountTimes_ThenThePoisonFunctionTellsTheUser()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> explode", eventId: "Ev0Explode", ts: "1700000200.000002");

        var ack = await _app.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, (int)ack.StatusCode);
        var post = Assert.Single(await _slack.WaitForCallsAsync("chat.postMessage", 1));
        Assert.Equal(3, _exploding.Attempts);
        Assert.Equal("1700000200.000002", post.Str("thread_ts"));
        Assert.Contains("`explode` failed after every retry", post.Str("text"));
        Assert.Contains("Ev0Explode", post.Str("text"));
    }

    [Theory]
    [InlineData("api/worker")]
    [InlineData("worker")]
    [InlineData("api/poison")]
    [InlineData("slack")]
    public async Task OnlyTheSlackRoute_IsServed(string path)
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help");

        var response = await _app.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body), path);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task AnOversizedBody_Is413_FromKestrel()
    {
        var body = new string('a', 200_000);

        var response = await _app.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(413, (int)response.StatusCode);
    }
}
