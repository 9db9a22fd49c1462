using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Slack;

/// <summary>Interactivity requests: our buttons become envelopes; anything else is a clear 2xx/4xx, never a crash.</summary>
public sealed class InteractionReaderTests
{
    private static readonly ManualClock Clock = new(DateTimeOffset.UtcNow);

    private static SlackAck Handle(string body)
    {
        var headers = SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded", at: Clock.Now)
            .ToDictionary(h => h.Key, h => h.Value[0], StringComparer.OrdinalIgnoreCase);
        return new SlackRequestHandler(new SlackOptions { SigningSecret = SlackRequests.Secret }, Clock).Handle(headers, body);
    }

    [Fact]
    public void AConfirmClick_BecomesAButtonEnvelope_KeyedByItsRequest()
    {
        var ack = Handle(SlackRequests.BlockActions(ConfirmationActions.Confirm, "c1.abc.def", user: "U0BOB", responseUrl: "https://hooks.slack.com/actions/T/1/x"));
        var cancel = Handle(SlackRequests.BlockActions(ConfirmationActions.Cancel, "c1.abc.def", user: "U0ALICE", triggerId: "other"));

        Assert.Equal(200, ack.StatusCode);
        Assert.Equal("", ack.Body);
        var envelope = ack.Envelope!;
        Assert.Equal((EnvelopeSource.Button, "U0BOB", "C0CHAN1", "T0001"), (envelope.Source, envelope.UserId, envelope.ChannelId, envelope.TeamId));
        Assert.Equal(new ButtonClick(ConfirmationActions.Confirm, "c1.abc.def", "1700000009.000900"), envelope.Click);
        Assert.Equal("https://hooks.slack.com/actions/T/1/x", envelope.ResponseUrl);
        // Confirm and Cancel of one request are one thing done once.
        Assert.Equal(envelope.DedupeKey, cancel.Envelope!.DedupeKey);
        Assert.Matches("^click-[0-9a-f]{40}$", envelope.DedupeKey);
    }

    [Theory]
    [InlineData("rollback demo", "rollback demo")]
    [InlineData("  rollback   demo ", "rollback demo")]
    [InlineData("deploy demo 9.9.9", null)]
    [InlineData("rollback demo now", null)]
    [InlineData("rollback <!channel>", null)]
    [InlineData("rollback", null)]
    public void ARollBackClick_IsQueuedAsTheTypedCommandItsValueSays_AndAnyOtherValueIsRefused(string value, string? typed)
    {
        var ack = Handle(SlackRequests.BlockActions(DeploymentActions.Rollback, value, user: "U0BOB", responseUrl: "https://hooks.slack.com/actions/T/1/x", triggerId: "trig-7"));

        if (typed is null)
        {
            Assert.Equal((400, (CommandEnvelope?)null), (ack.StatusCode, ack.Envelope));
            return;
        }
        var envelope = ack.Envelope!;
        Assert.Equal((EnvelopeKind.Command, typed, "U0BOB", (ButtonClick?)null), (envelope.Kind, envelope.Text, envelope.UserId, envelope.Click));
        Assert.Equal("cmd-click-trig-7", envelope.DedupeKey);
    }

    [Theory]
    [InlineData("payload=not-json", 400)]
    [InlineData("payload=%5B1%2C2%5D", 400)]
    [InlineData("payload=%7B%22type%22%3A%22view_submission%22%7D", 200)]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D", 200)]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22chatops.confirm%22%7D%5D%7D", 400)]
    public void MalformedOrForeignPayloads_AreAnsweredWithoutEnqueueing(string body, int status)
    {
        var ack = Handle(body);

        Assert.Equal(status, ack.StatusCode);
        Assert.Null(ack.Envelope);
    }

    [Fact]
    public void TwoSpellingsOfOneSignature_ShareTheKey()
    {
        var a = Handle(SlackRequests.BlockActions(ConfirmationActions.Confirm, "c1.body.mac")).Envelope!;
        var b = Handle(SlackRequests.BlockActions(ConfirmationActions.Confirm, "c1.body.mac=")).Envelope!;
        var other = Handle(SlackRequests.BlockActions(ConfirmationActions.Confirm, "c1.other.mac")).Envelope!;

        Assert.Equal(a.DedupeKey, b.DedupeKey);
        Assert.NotEqual(a.DedupeKey, other.DedupeKey);
    }

    [Fact]
    public void DuplicateKeysInAPayload_AreA400_NotACrash()
    {
        var payload = Uri.EscapeDataString("{\"type\":\"block_actions\",\"type\":\"x\"}");

        Assert.Equal(400, Handle("payload=" + payload).StatusCode);
    }
}
