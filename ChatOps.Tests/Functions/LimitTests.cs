using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>Abuse limits: each refusal is clear, nothing is half-run, and the limits are settings.</summary>
public sealed class LimitTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new();
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        var app = await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Limits:MaxBodyBytes"] = "8192",
            ["Limits:MaxCommandLength"] = "100",
            ["Limits:CommandsPerMinute"] = "3",
        }, services => services.AddSingleton<IOpsClient>(_ops));
        _bot = new HostedBot(app);
    }

    public async Task DisposeAsync()
    {
        await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private Task<(int AckStatus, System.Text.Json.Nodes.JsonObject? Message)> MentionAsync(string text, string user = "U0USER1")
    {
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..10], user: user, ts: Envelopes.NextTs());
        return _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
    }

    [Fact]
    public async Task AnOversizedBody_Is413_BeforeAnythingElse()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help " + new string('x', 9000));

        var (status, message) = await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(413, status);
        Assert.Null(message);
    }

    [Fact]
    public async Task AnOverlongMention_IsQueuedShort_AndAnsweredWithTheLimit()
    {
        var (status, message) = await MentionAsync("list traces " + new string('a', 150));

        Assert.Equal(200, status);
        Assert.Equal(100, ((string)message!["text"]!).Length);
        Assert.Equal(":no_entry: That command is 162 characters long; the limit is 100. Nothing was run.",
            Assert.Single(_slack.CallsTo("chat.postMessage")).Str("text"));
        Assert.Empty(_ops.Calls);
    }

    [Fact]
    public async Task AnOverlongSlashCommand_IsRefusedInTheAck_AndNothingIsQueued()
    {
        var body = SlackRequests.SlashCommand("list traces " + new string('a', 150), _slack.ResponseUrl("s"));

        var call = await _bot.App.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));

        Assert.Equal(200, call.Status);
        Assert.Contains("162 characters long; the limit is 100", call.Body);
        Assert.Null(call.Message);
    }

    [Fact]
    public async Task ARedelivery_IsNotCountedAgainstTheRateLimit()
    {
        var message = Core.Envelopes.EnvelopeJson.ToJsonObject(Envelopes.Mention("deployed version", id: "EvRedeliver"));
        _slack.Script("chat.postMessage", _ => Microsoft.AspNetCore.Http.Results.StatusCode(503), _ => Microsoft.AspNetCore.Http.Results.StatusCode(503));
        await _bot.DeliverAsync(message, dequeueCount: 1);
        await _bot.DeliverAsync(message, dequeueCount: 2);
        await _bot.DeliverAsync(message, dequeueCount: 3);
        await MentionAsync("deployed version");
        await MentionAsync("deployed version");

        // Three deliveries of one command count once: both later commands still run.
        Assert.DoesNotContain(_slack.CallsTo("chat.postMessage"), c => c.Str("text")!.Contains("commands in the last minute"));
        Assert.Equal(5, _ops.Calls.Count);
    }

    [Fact]
    public async Task TheFourthCommandInAMinute_IsRefused_WithWhenToTryAgain_AndOthersAreNotAffected()
    {
        for (var i = 0; i < 4; i++) await MentionAsync("deployed version");
        await MentionAsync("deployed version", user: "U0OTHER");

        var replies = _slack.CallsTo("chat.postMessage").Select(c => c.Str("text")!).ToList();
        Assert.Matches(@"^:no_entry: You have run 3 commands in the last minute, the most allowed\. Try again in \d+ s\. Nothing was run\.$", replies[3]);
        Assert.Equal(4, _ops.Calls.Count);
        Assert.Equal("U0OTHER", _ops.Calls[3].Caller.UserId);
    }
}
