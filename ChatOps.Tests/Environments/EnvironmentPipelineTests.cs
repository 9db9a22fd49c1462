using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Core.Audit;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Ops;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Environments;

/// <summary>
/// Two environments through the whole pipeline (slack function, queue, worker, fake Slack): which Ops service answers,
/// what the reply says, and that a confirmation runs only where it was asked.
/// </summary>
public sealed class EnvironmentPipelineTests : IAsyncLifetime
{
    private readonly FakeEnvironmentOps _ops = FakeEnvironmentOps.ProdAndStaging();
    private readonly RecordingLoggerProvider _logs = new();
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        var settings = TwoEnvironments.Settings();
        // Production's sampling needs two people; staging's one.
        settings["Logging:LogLevel:ChatOps.Audit"] = "Information";
        settings["Access:Rules:0:Commands"] = "change sampling";
        settings["Access:Rules:0:Users"] = "U0ALICE,U0BOB";
        settings["Access:Rules:0:Environments"] = "prod";
        settings["Access:Rules:0:RequireApproval"] = "true";
        settings["Access:Rules:1:Commands"] = "change sampling";
        settings["Access:Rules:1:Users"] = "U0ALICE,U0BOB";
        settings["Access:Rules:1:Environments"] = "staging";
        var app = await TestApp.StartAsync(_slack, settings, services =>
        {
            services.AddSingleton<IEnvironmentOpsClients>(_ops);
            services.AddSingleton<ILoggerProvider>(_logs);
        });
        _bot = new HostedBot(app);
    }

    public async Task DisposeAsync()
    {
        await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<RecordedCall> AskAsync(string text, string channel, string user = "U0ALICE")
    {
        var before = _slack.CallsTo("chat.postMessage").Count;
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: user,
            channel: channel, ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
        return _slack.CallsTo("chat.postMessage").Skip(before).Single();
    }

    private async Task<RecordedCall> ClickAsync(string value, string user, string channel, string action = ConfirmationActions.Confirm)
    {
        var before = _slack.CallsTo("response_url").Count;
        var body = SlackRequests.BlockActions(action, value, user: user, channel: channel,
            responseUrl: _slack.ResponseUrl("c-" + Guid.NewGuid().ToString("N")[..6]), triggerId: "trig-" + Guid.NewGuid().ToString("N")[..8]);
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));
        return _slack.CallsTo("response_url").Skip(before).Single();
    }

    private static string ConfirmValue(RecordedCall prompt) =>
        (string)prompt.Json["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).First(e => (string?)e["action_id"] == ConfirmationActions.Confirm)["value"]!;

    private static string? FirstContext(RecordedCall call) => call.Json["blocks"]!.AsArray().OfType<JsonObject>().First() is { } first &&
        (string?)first["type"] == "context" ? (string?)first["elements"]![0]!["text"] : null;

    [Theory]
    [InlineData(TwoEnvironments.ProdChannel, "prod", "production", "1.5.0")]
    [InlineData(TwoEnvironments.StagingChannel, "staging", "staging", "1.6.0-rc1")]
    [InlineData("C0ELSEWHERE", "prod", "production", "1.5.0")]
    public async Task DeployedVersion_AsksTheChannelsEnvironment_AndTheReplySaysWhich(string channel, string asked, string label, string version)
    {
        var reply = await AskAsync("deployed version", channel);

        var call = Assert.Single(_ops[asked].Calls);
        Assert.Equal(asked, call.Caller.Environment);
        Assert.Empty(_ops[asked == "prod" ? "staging" : "prod"].Calls);
        Assert.StartsWith($"[{label}] ", reply.Str("text"));
        Assert.Contains(version, reply.Str("text"));
        Assert.Equal($"Environment: *{label}*", FirstContext(reply));
    }

    [Fact]
    public async Task EnvEquals_OverridesTheChannel_AndNeverReachesTheCommand()
    {
        var reply = await AskAsync("deployed version env=staging", TwoEnvironments.ProdChannel);

        Assert.Single(_ops["staging"].Calls);
        Assert.Empty(_ops["prod"].Calls);
        Assert.StartsWith("[staging] ", reply.Str("text"));
        Assert.Contains("1.6.0-rc1", reply.Str("text"));
    }

    [Fact]
    public async Task AnUnknownEnvironment_IsRefused_WithSuggestions_AndNothingRuns()
    {
        var reply = await AskAsync("deployed version env=prd", TwoEnvironments.StagingChannel);

        Assert.Empty(_ops["prod"].Calls);
        Assert.Empty(_ops["staging"].Calls);
        Assert.Equal("I don't know the environment `prd`. Did you mean `env=prod`? Known environments: `prod`, `staging`.", reply.Str("text"));
    }

    [Fact]
    public async Task TheAuditRecord_NamesTheEnvironment()
    {
        await AskAsync("deployed version env=staging", TwoEnvironments.ProdChannel);

        var record = _logs.Lines.Where(l => l.Category == AuditLog.Category)
            .Select(l => JsonNode.Parse(l.Message[l.Message.IndexOf('{')..])!.AsObject()).Single();
        Assert.Equal("staging", (string?)record["environment"]);
    }

    [Fact]
    public async Task InStaging_OnePersonMayAskAndConfirm_AndOnlyStagingChanges()
    {
        var prompt = await AskAsync("change sampling float .1", TwoEnvironments.StagingChannel);
        Assert.StartsWith("[staging] ", prompt.Str("text"));

        var update = await ClickAsync(ConfirmValue(prompt), "U0ALICE", TwoEnvironments.StagingChannel);

        Assert.Equal("ChangeSampling", Assert.Single(_ops["staging"].Calls).Method);
        Assert.Empty(_ops["prod"].Calls);
        Assert.StartsWith("[staging] ", update.Str("text"));
        Assert.Contains("Sampling changed", update.Str("text"));
    }

    [Fact]
    public async Task InProd_TheTwoPersonRuleHolds_AndOnlyProdChanges()
    {
        var prompt = await AskAsync("change sampling float .1", TwoEnvironments.ProdChannel);
        var value = ConfirmValue(prompt);

        var own = await ClickAsync(value, "U0ALICE", TwoEnvironments.ProdChannel);
        Assert.Contains("Two-person rule", own.Str("text"));
        Assert.StartsWith("[production] ", own.Str("text"));
        Assert.Empty(_ops["prod"].Calls);

        var confirmed = await ClickAsync(value, "U0BOB", TwoEnvironments.ProdChannel);
        Assert.Equal("ChangeSampling", Assert.Single(_ops["prod"].Calls).Method);
        Assert.Equal("prod", _ops["prod"].Calls[0].Caller.Environment);
        Assert.Empty(_ops["staging"].Calls);
        Assert.Contains("Sampling changed", confirmed.Str("text"));
    }

    [Fact]
    public async Task AStagingConfirm_TamperedToSayProd_IsRefused_AndNothingChanges()
    {
        // Asked in the prod channel with env=staging, so channel and environment cannot tell the two apart.
        var prompt = await AskAsync("change sampling float .1 env=staging", TwoEnvironments.ProdChannel);
        var value = ConfirmValue(prompt);
        var dot = value.LastIndexOf('.');
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(value[3..dot].Replace('-', '+').Replace('_', '/'))));
        Assert.Contains("\"env\":\"staging\"", json);
        var forged = "c1." + Convert.ToBase64String(Encoding.UTF8.GetBytes(json.Replace("\"env\":\"staging\"", "\"env\":\"prod\"")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_') + value[dot..];

        var refused = await ClickAsync(forged, "U0BOB", TwoEnvironments.ProdChannel);

        Assert.Contains("can't verify this button", refused.Str("text"));
        Assert.Empty(_ops["prod"].Calls);
        Assert.Empty(_ops["staging"].Calls);
    }

    [Fact]
    public async Task AStagingConfirm_ReplayedInTheProdChannel_IsRefused_AndNothingChanges()
    {
        var prompt = await AskAsync("change sampling float .1", TwoEnvironments.StagingChannel);

        var refused = await ClickAsync(ConfirmValue(prompt), "U0BOB", TwoEnvironments.ProdChannel);

        Assert.Contains("can only be confirmed there", refused.Str("text"));
        Assert.Empty(_ops["prod"].Calls);
        Assert.Empty(_ops["staging"].Calls);
    }

    [Fact]
    public async Task AStagingConfirm_RunsInStaging_EvenWhenAskedFromTheProdChannel()
    {
        var prompt = await AskAsync("change sampling float .1 env=staging", TwoEnvironments.ProdChannel);

        await ClickAsync(ConfirmValue(prompt), "U0ALICE", TwoEnvironments.ProdChannel);

        Assert.Single(_ops["staging"].Calls);
        Assert.Empty(_ops["prod"].Calls);
    }

    [Fact]
    public async Task APromptMadeBeforeEnvironments_CanStillBeCancelled_ButNotConfirmed()
    {
        // Signed by the same key before the upgrade: it names no environment.
        var old = ConfirmationToken.Sign(new PendingChange("old-1", "change sampling", "float .1", "U0ALICE", TwoEnvironments.ProdChannel, "T0001",
            DateTimeOffset.UtcNow.AddMinutes(10), RequireApproval: false), SlackRequests.HmacKey);

        var confirmed = await ClickAsync(old, "U0BOB", TwoEnvironments.ProdChannel);
        Assert.Contains("before environments were configured", confirmed.Str("text"));

        var cancelled = await ClickAsync(old, "U0ALICE", TwoEnvironments.ProdChannel, ConfirmationActions.Cancel);
        Assert.Contains("Cancelled by <@U0ALICE>", cancelled.Str("text"));
        Assert.Empty(_ops["prod"].Calls);
        Assert.Empty(_ops["staging"].Calls);
    }

    [Fact]
    public async Task ASlackRetry_AfterTheChannelMappingChanged_RunsOnce()
    {
        // The same event twice: first to this app, then (Slack retrying) to a redeployed one, sharing its storage, whose
        // settings moved staging to another channel, so the staging channel now maps to the default, prod.
        var body = SlackRequests.AppMention("<@UBOT0001> deployed version", eventId: "EvRETRY01", user: "U0ALICE",
            channel: TwoEnvironments.StagingChannel, ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
        var settings = TwoEnvironments.Settings();
        settings["Environments:staging:Channels"] = "C0STAGE2";
        settings["Dedupe:Container"] = _bot.App.Dedupe.Name;
        await using var redeployed = await TestApp.StartAsync(_slack, settings, services => services.AddSingleton<IEnvironmentOpsClients>(_ops));

        var (status, _) = await new HostedBot(redeployed).FromSlackAsync(body, SlackRequests.SignedHeaders(body, retryNum: 1));

        Assert.Equal(200, status);
        Assert.Single(_ops["staging"].Calls);
        Assert.Empty(_ops["prod"].Calls);
        Assert.StartsWith("[staging] ", Assert.Single(_slack.CallsTo("chat.postMessage")).Str("text"));
    }

    private static string Pad(string b64) => b64 + (b64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
}
