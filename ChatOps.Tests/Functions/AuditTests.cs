using System.Text.Json.Nodes;
using ChatOps.Core.Audit;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Ops;
using ChatOps.Functions;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Functions;

/// <summary>One audit record per command attempt, under the ChatOps.Audit category, in the documented shape.</summary>
public sealed class AuditTests : IAsyncLifetime
{
    private readonly FakeOpsClient _ops = new();
    private readonly RecordingLoggerProvider _logs = new();
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        var app = await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Access:Rules:0:Commands"] = "change sampling",
            ["Access:Rules:0:Users"] = "U0ALICE,U0BOB",
            ["Logging:LogLevel:ChatOps.Audit"] = "Information",
        }, services =>
        {
            services.AddSingleton<IOpsClient>(_ops);
            services.AddSingleton<ILoggerProvider>(_logs);
        });
        _bot = new HostedBot(app);
    }

    public async Task DisposeAsync()
    {
        await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private List<JsonObject> Records() => _logs.Lines
        .Where(l => l.Category == AuditLog.Category)
        .Select(l => JsonNode.Parse(l.Message[l.Message.IndexOf('{')..])!.AsObject())
        .ToList();

    private async Task MentionAsync(string text, string user, string eventId)
    {
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: eventId, user: user, ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
    }

    [Fact]
    public async Task ARefusal_IsAudited_WithWhoWhereWhatAndWhy()
    {
        await MentionAsync("change sampling always", "U0MALLORY", "EvAudit1");

        var record = Assert.Single(Records());
        Assert.Equal(1, (int)record["schema"]!);
        Assert.Equal("EvAudit1", (string?)record["eventId"]);
        Assert.Equal(("mention", "T0001", "C0CHAN1", "U0MALLORY"),
            ((string?)record["source"], (string?)record["team"], (string?)record["channel"], (string?)record["user"]));
        Assert.Equal(("change sampling", "always", "refused", "refused"),
            ((string?)record["command"], (string?)record["arguments"], (string?)record["decision"], (string?)record["outcome"]));
        Assert.Null(record["opsTraceId"]);
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse((string)record["time"]!) < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task AConfirmedChange_LeavesTheRequestAndTheConfirm_WithTheOpsTraceId()
    {
        await MentionAsync("change sampling float .25", "U0ALICE", "EvAudit2");
        var value = (string)JsonNode.Parse(_slack.CallsTo("chat.postMessage").Last().Body)!["blocks"]!.AsArray()
            .Single(b => (string?)b!["type"] == "actions")!["elements"]![0]!["value"]!;
        var click = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: "U0BOB", responseUrl: _slack.ResponseUrl("a"));
        await _bot.FromSlackAsync(click, SlackRequests.SignedHeaders(click, "application/x-www-form-urlencoded"));

        var records = Records();
        Assert.Equal(["confirmation_requested", "confirmed"], records.Select(r => (string)r["decision"]!).ToArray());
        Assert.Equal("pending", (string?)records[0]["outcome"]);
        var confirm = records[1];
        Assert.Equal(("button", "U0BOB", "U0ALICE", "success"),
            ((string?)confirm["source"], (string?)confirm["user"], (string?)confirm["requestedBy"], (string?)confirm["outcome"]));
        Assert.Equal(("change sampling", "float .25"), ((string?)confirm["command"], (string?)confirm["arguments"]));
        // The trace id in the audit is the one the Ops service received in traceparent.
        Assert.Equal(Assert.Single(_ops.Calls).Caller.TraceId, (string?)confirm["opsTraceId"]);
    }

    [Fact]
    public async Task SecretsTypedIntoACommand_AreRedactedInTheAudit()
    {
        await MentionAsync($"list traces token={SlackRequests.BotToken} password=hunter2 xoxp-12345-abcde", "U0ALICE", "EvAudit3");

        var arguments = (string)Assert.Single(Records())["arguments"]!;
        Assert.DoesNotContain(SlackRequests.BotToken, arguments);
        Assert.DoesNotContain("hunter2", arguments);
        Assert.DoesNotContain("xoxp-12345", arguments);
        Assert.Contains("token=[redacted]", arguments);
    }

    [Fact]
    public async Task ARepeatedEvent_IsAuditedAsADuplicate()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help", eventId: "EvAudit4", ts: "1700000300.000100");
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, retryNum: 1));

        var records = Records();
        Assert.Equal(["allowed", "duplicate"], records.Select(r => (string)r["decision"]!).ToArray());
        Assert.Equal(1, (int)records[1]["slackRetry"]!);
    }
}
