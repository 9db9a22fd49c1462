using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Slack;

/// <summary>The ack decision as a pure function: what the HTTP function answers and enqueues.</summary>
public sealed class SlackRequestHandlerTests
{
    private static readonly ManualClock Clock = new(DateTimeOffset.UtcNow);

    private static SlackAck Handle(string body, SlackOptions options, string contentType = "application/json")
    {
        var headers = SlackRequests.SignedHeaders(body, contentType, at: Clock.Now)
            .ToDictionary(h => h.Key, h => h.Value[0], StringComparer.OrdinalIgnoreCase);
        return new SlackRequestHandler(options, Clock).Handle(headers, body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void UnconfiguredSecret_RejectsEveryRequest(string? secret)
    {
        var ack = Handle(SlackRequests.AppMention("<@UBOT0001> help"), new SlackOptions { SigningSecret = secret });

        Assert.Equal(401, ack.StatusCode);
        Assert.Null(ack.Envelope);
    }

    [Fact]
    public void MentionOfAnotherUser_IsKept_OnlyTheBotMentionIsStripped()
    {
        var ack = Handle(SlackRequests.AppMention("<@UBOT0001|chatops> show trace for <@U0ALICE>"), new SlackOptions { SigningSecret = SlackRequests.Secret });

        Assert.Equal("show trace for <@U0ALICE>", ack.Envelope!.Text);
    }

    [Fact]
    public void ConfiguredBotUserId_WinsOverTheAuthorizations()
    {
        var options = new SlackOptions { SigningSecret = SlackRequests.Secret, BotUserId = "U0CONFIG" };

        var ack = Handle(SlackRequests.DirectMessage("help", user: "U0CONFIG"), options);

        Assert.Null(ack.Envelope);
    }

    [Fact]
    public void MentionInsideAThread_IsAnsweredInThatThread()
    {
        var ack = Handle(SlackRequests.AppMention("<@UBOT0001> help", ts: "2.0", threadTs: "1.0"), new SlackOptions { SigningSecret = SlackRequests.Secret });

        Assert.Equal("1.0", ack.Envelope!.ThreadTs);
        Assert.Equal("2.0", ack.Envelope.MessageTs);
    }

    [Fact]
    public void SlashCommandWithAnHttpResponseUrlMissing_Is400()
    {
        var body = SlackRequests.SlashCommand("help", "not a url");

        var ack = Handle(body, new SlackOptions { SigningSecret = SlackRequests.Secret }, "application/x-www-form-urlencoded");

        Assert.Equal(400, ack.StatusCode);
    }
}
