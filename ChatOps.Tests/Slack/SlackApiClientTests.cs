using ChatOps.Core.Options;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Slack;

/// <summary>The Slack client against the fake Web API: typed errors, 429 handling, the token's reach.</summary>
public sealed class SlackApiClientTests : IAsyncLifetime
{
    private readonly List<TimeSpan> _waits = [];
    private FakeSlackApi _slack = null!;
    private SlackApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _client = Client(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private SlackApiClient Client(TimeSpan maxRetryAfter) => new(new HttpClient(),
        new SlackOptions { BotToken = SlackRequests.BotToken, ApiBaseUrl = _slack.ApiBaseUrl, MaxRetryAfter = maxRetryAfter },
        (wait, _) =>
        {
            _waits.Add(wait);
            return Task.CompletedTask;
        });

    [Fact]
    public async Task OkFalse_BecomesATypedError_CarryingSlacksCode()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.SlackError("channel_not_found"));

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => _client.PostMessageAsync("C1", ChatReply.Plain("hi"), null));

        Assert.Equal("channel_not_found", ex.Error);
        Assert.Equal("chat.postMessage", ex.Method);
        Assert.False(ex.IsTransient);
    }

    [Theory]
    [InlineData("ratelimited", true)]
    [InlineData("internal_error", true)]
    [InlineData("invalid_auth", false)]
    [InlineData("msg_blocks_too_long", false)]
    public async Task OkFalse_IsTransientOnlyForSlacksOwnTroubles(string error, bool transient)
    {
        _slack.Script("chat.update", _ => FakeSlackApi.SlackError(error));

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => _client.UpdateMessageAsync("C1", "1.1", ChatReply.Plain("x")));

        Assert.Equal(transient, ex.IsTransient);
    }

    [Fact]
    public async Task RateLimited_WaitsRetryAfter_ThenSucceeds()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.RateLimited(7), _ => FakeSlackApi.RateLimited(2));

        var ts = await _client.PostMessageAsync("C1", ChatReply.Plain("hi"), "1.0");

        Assert.NotEmpty(ts);
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(2)], _waits);
        Assert.Equal(3, _slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task RateLimitedLongerThanTheBudget_GivesTheMessageBackToTheQueue()
    {
        _slack.Script("chat.postMessage", _ => FakeSlackApi.RateLimited(120));

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => Client(TimeSpan.FromSeconds(30)).PostMessageAsync("C1", ChatReply.Plain("hi"), null));

        Assert.Equal("ratelimited", ex.Error);
        Assert.True(ex.IsTransient);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task AuthTest_IsCalledOnce_AndCached()
    {
        var first = await _client.WhoAmIAsync();
        var second = await _client.WhoAmIAsync();

        Assert.Equal(FakeSlackApi.BotUserId, first.UserId);
        Assert.Equal(first, second);
        Assert.Single(_slack.CallsTo("auth.test"));
    }

    [Fact]
    public async Task UnreachableSlack_IsATransientNetworkError()
    {
        var client = new SlackApiClient(new HttpClient(), new SlackOptions { BotToken = "x", ApiBaseUrl = "http://127.0.0.1:1/api/" });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => client.PostMessageAsync("C1", ChatReply.Plain("hi"), null));

        Assert.Equal("network_error", ex.Error);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task ExpiredResponseUrl_IsAPermanentError()
    {
        _slack.Script("response_url", _ => Microsoft.AspNetCore.Http.Results.NotFound());

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => _client.RespondAsync(_slack.ResponseUrl("old"), ChatReply.Plain("x"), true, false));

        Assert.Equal("expired_url", ex.Error);
        Assert.False(ex.IsTransient);
    }
}
