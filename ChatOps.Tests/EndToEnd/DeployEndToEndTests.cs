using System.Text.Json.Nodes;
using ChatOps.Core.Confirmations;
using ChatOps.Tests.OpsService.Deploy;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.EndToEnd;

/// <summary>
/// Real parts end to end: the demo service (a python3 process), Prometheus scraping its version, the Ops service
/// running scripts/demo/deploy-demo.sh, and the bot in local mode with its queues in Azurite. Only Slack is a fake.
/// </summary>
public sealed class DeployEndToEndTests : IAsyncLifetime
{
    private readonly string _folder = DeployScripts.Folder();
    private DemoService _demo = null!;
    private RealPrometheus _prometheus = null!;
    private OpsServiceHost _ops = null!;
    private FakeSlackApi _slack = null!;
    private Azurite _azurite = null!;
    private LocalApp _bot = null!;

    public async Task InitializeAsync()
    {
        _demo = await DemoService.StartAsync(_folder, "1.4.0");
        _prometheus = await RealPrometheus.StartAsync($"127.0.0.1:{_demo.Port}");
        await WaitForVersionAsync("1.4.0");
        _ops = await OpsServiceHost.StartAsync(_prometheus.Url, "http://127.0.0.1:1",
            // The default query answers something else than either service, so a prompt that used it would show.
            ("OpsService:VersionQuery", "label_replace(demo_build_info, \"version\", \"0.9.0-ops\", \"\", \"\")"),
            ("OpsService:Deploy:Services:shop:Command", Path.Combine(RepoRoot.Path, "scripts", "demo", "deploy-demo.sh")),
            ("OpsService:Deploy:Services:shop:Arguments", "{version}"),
            ("OpsService:Deploy:Services:shop:VersionQuery", "label_replace(demo_build_info, \"version\", \"7.2.0\", \"\", \"\")"),
            // A service without a query of its own: the default query is its "before".
            ("OpsService:Deploy:Services:plain:Command", Path.Combine(RepoRoot.Path, "scripts", "demo", "deploy-demo.sh")),
            ("OpsService:Deploy:Services:plain:Arguments", "{version}"),
            ("OpsService:Deploy:Services:plain:VerifyFor", "00:00:00"),
            ("OpsService:Deploy:Services:plain:Environment:DEMO_VERSION_FILE", Path.Combine(_folder, "plain-version")),
            ("OpsService:Deploy:Services:plain:Environment:DEMO_DEPLOY_SECONDS", "0"),
            ("OpsService:Deploy:HistoryFile", Path.Combine(_folder, "deployments.jsonl")),
            ("OpsService:Deploy:VerifyPoll", "00:00:00.300"),
            ("OpsService:Deploy:Services:demo:VerifyFor", "00:00:20"),
            ("OpsService:Deploy:Services:demo:Command", Path.Combine(RepoRoot.Path, "scripts", "demo", "deploy-demo.sh")),
            ("OpsService:Deploy:Services:demo:Arguments", "{version}"),
            ("OpsService:Deploy:Services:demo:VersionQuery", "demo_build_info"),
            ("OpsService:Deploy:Services:demo:Timeout", "00:00:04"),
            ("OpsService:Deploy:Services:demo:Environment:DEMO_VERSION_FILE", _demo.VersionFile),
            ("OpsService:Deploy:Services:demo:Environment:DEMO_DEPLOY_SECONDS", "1"));
        _slack = await FakeSlackApi.StartAsync();
        _azurite = await Azurite.StartAsync();
        _bot = await LocalApp.StartAsync(_azurite, _slack, new Dictionary<string, string>
        {
            ["Ops:Endpoint"] = _ops.Endpoint,
            ["Access:Rules:0:Commands"] = "deploy,rollback",
            ["Access:Rules:0:Users"] = "U0ALICE,U0BOB",
            ["Access:Rules:0:RequireApproval"] = "true",
            ["Worker:DeploymentPoll"] = "00:00:00.300",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _azurite.DisposeAsync();
        await _slack.DisposeAsync();
        await _ops.DisposeAsync();
        await _prometheus.DisposeAsync();
        await _demo.DisposeAsync();
    }

    private Task WaitForVersionAsync(string version) => _prometheus.WaitUntilAsync("/api/v1/query?query=demo_build_info",
        j => (string?)j!["data"]!["result"]![0]!["metric"]!["version"] == version, TimeSpan.FromSeconds(30));

    private async Task<RecordedCall> MentionAsync(string text, string user = "U0ALICE")
    {
        var before = _slack.CallsTo("chat.postMessage").Count;
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: user, ts: Envelopes.NextTs());
        Assert.Equal(200, (int)(await _bot.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body))).StatusCode);
        return (await _slack.WaitForCallsAsync("chat.postMessage", before + 1, TimeSpan.FromSeconds(20)))[before];
    }

    private async Task<RecordedCall> ConfirmAsync(RecordedCall prompt, string user = "U0BOB")
    {
        var before = _slack.CallsTo("response_url").Count;
        var value = (string)prompt.Json["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).Single(e => (string?)e["action_id"] == ConfirmationActions.Confirm)["value"]!;
        var body = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: user, responseUrl: _slack.ResponseUrl("r-" + Guid.NewGuid().ToString("N")[..6]),
            triggerId: "trig-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(200, (int)(await _bot.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"))).StatusCode);
        return (await _slack.WaitForCallsAsync("response_url", before + 1, TimeSpan.FromSeconds(20)))[before];
    }

    private async Task<RecordedCall> UpdateSayingAsync(params string[] parts)
    {
        for (var i = 0; i < 300; i++)
        {
            if (_slack.CallsTo("chat.update").LastOrDefault(c => parts.All(p => All(c).Contains(p))) is { } found) return found;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no chat.update said {string.Join(" + ", parts)}; saw: {string.Join(" | ", _slack.CallsTo("chat.update").Select(Text))}");
    }

    private static string Text(RecordedCall call) => (string?)call.Json["text"] ?? "";

    private static string All(RecordedCall call) => Text(call) + "\n" + string.Join("\n", call.Json["blocks"]?.AsArray().OfType<JsonObject>()
        .Select(b => (string?)b["text"]?["text"] ?? string.Join(" ", (b["elements"] as JsonArray ?? []).Select(e => e?["text"] is JsonValue v ? v.GetValue<string>() : ""))) ?? []);

    [Fact]
    public async Task Deploy_ThenRollback_SwitchTheRealService_AndTheHistoryListsBoth()
    {
        var prompt = await MentionAsync("deploy demo 1.5.0");
        Assert.Contains("deploy `demo`: `1.4.0` running now, `1.5.0` asked for", Text(prompt));
        Assert.Contains(":rocket: Deployment of `demo` `1.4.0` → `1.5.0` running", Text(await ConfirmAsync(prompt)));
        var done = await UpdateSayingAsync(":white_check_mark: Deployment of `demo` `1.4.0` → `1.5.0` succeeded", "Verified:");
        Assert.Contains("Verified: Prometheus reports 1.5.0 on 1/1 series", All(done));
        Assert.Contains("demo now serves 1.5.0", All(done));
        await WaitForVersionAsync("1.5.0");
        Assert.Contains("Deployed version of `demo`: 1.5.0", Text(await MentionAsync("deployed version demo")));

        var rollback = await MentionAsync("rollback demo");
        Assert.Contains("roll `demo` back: `1.5.0` running now, back to `1.4.0`", Text(rollback));
        await ConfirmAsync(rollback);
        await UpdateSayingAsync(":white_check_mark: Rollback of `demo` `1.5.0` → `1.4.0` succeeded");
        await WaitForVersionAsync("1.4.0");
        Assert.Contains("Deployed version of `demo`: 1.4.0", Text(await MentionAsync("deployed version demo")));

        var history = All(await MentionAsync("deployments demo"));
        Assert.Contains("• `1.4.0` `demo` (rollback): succeeded", history);
        Assert.Contains("• `1.5.0` `demo`: succeeded", history);
        Assert.True(history.IndexOf("`1.4.0`", StringComparison.Ordinal) < history.IndexOf("`1.5.0`", StringComparison.Ordinal), "newest first");
        Assert.Contains("asked by <@U0ALICE>, confirmed by <@U0BOB>", history);
    }

    [Fact]
    public async Task APromptConfirmedAfterAnotherDeploymentFinished_IsRefused_AndRunsNothing()
    {
        await ConfirmAsync(await MentionAsync("deploy demo 1.5.0"));
        await UpdateSayingAsync(":white_check_mark: Deployment of `demo` `1.4.0` → `1.5.0` succeeded");
        await WaitForVersionAsync("1.5.0");
        var rollback = await MentionAsync("rollback demo");
        Assert.Contains("back to `1.4.0`", Text(rollback));
        var deploy = await MentionAsync("deploy demo 1.7.0");
        Assert.Contains("`1.5.0` running now", Text(deploy));

        // The world changes between the prompts and their Confirm: another deployment runs to its end.
        await ConfirmAsync(await MentionAsync("deploy demo 1.6.0"));
        await UpdateSayingAsync(":white_check_mark: Deployment of `demo` `1.5.0` → `1.6.0` succeeded");

        var refusedRollback = Text(await ConfirmAsync(rollback));
        Assert.Contains("changed since the prompt", refusedRollback);
        Assert.Contains("1.6.0", refusedRollback);
        Assert.Contains("Nothing was run", refusedRollback);
        var refusedDeploy = Text(await ConfirmAsync(deploy));
        Assert.Contains("changed since the prompt", refusedDeploy);
        Assert.Contains("Nothing was run", refusedDeploy);
        await Task.Delay(1500);
        Assert.Equal("1.6.0", (await File.ReadAllTextAsync(_demo.VersionFile)).Trim());
        Assert.Equal(2, Text(await MentionAsync("deployments demo")).Split('•').Length - 1);
    }

    [Fact]
    public async Task AServiceWithoutAQueryOfItsOwn_RecordsTheDefaultQuerysVersionAsBefore_SoItsFirstRollbackGoesThere()
    {
        await ConfirmAsync(await MentionAsync("deploy plain 2.0.0"));
        var done = await UpdateSayingAsync(":white_check_mark: Deployment of `plain` `0.9.0-ops` → `2.0.0` succeeded");
        Assert.Contains("Not verified (the check is off for this service)", All(done));
        Assert.Contains("roll `plain` back: `0.9.0-ops` running now, back to `0.9.0-ops`", Text(await MentionAsync("rollback plain")));
    }

    [Fact]
    public async Task DeployedVersion_OfTwoServices_AnswersEachFromItsOwnQuery()
    {
        Assert.Contains("Deployed version of `demo`: 1.4.0", Text(await MentionAsync("deployed version demo")));
        Assert.Contains("Deployed version of `shop`: 7.2.0", Text(await MentionAsync("deployed version shop")));
        var every = Text(await MentionAsync("deployed version"));
        Assert.Contains("• `demo`: `1.4.0`", every);
        Assert.Contains("• `shop`: `7.2.0`", every);
        Assert.Contains("• `plain`: `0.9.0-ops`", every);
        Assert.Contains("• the default version query: `0.9.0-ops`", every);
        Assert.Contains("deploy `shop`: `7.2.0` running now", Text(await MentionAsync("deploy shop 7.3.0")));
    }

    [Fact]
    public async Task FailingAndHangingActions_AreReportedWithTheirLastLines_AndASecondDeployWhileOneRunsIsRefused()
    {
        await ConfirmAsync(await MentionAsync("deploy demo broken-2.0"));
        var failed = await UpdateSayingAsync(":x: Deployment of `demo`", "failed (exit status 3)");
        Assert.Contains("error: image demo:broken-2.0 not found", All(failed));

        await ConfirmAsync(await MentionAsync("deploy demo hang-2.1"));
        var second = await MentionAsync("deploy demo 1.6.0");
        Assert.Contains("demo is being deployed already: hang-2.1, started by U0ALICE at", Text(second));
        Assert.DoesNotContain("Confirm", second.Body);
        var hung = await UpdateSayingAsync(":hourglass: Deployment of `demo`", "timed out");
        Assert.Contains("waiting for pods", All(hung));
        Assert.DoesNotContain(Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "cmdline")),
            f => File.Exists(f) && TryRead(f).Replace('\0', ' ').Trim() == "sleep 3600" && DeployScripts.Running(int.Parse(Path.GetFileName(Path.GetDirectoryName(f)!))));
    }

    [Theory]
    [InlineData("deploy billing 1.0.0", "'billing' is not a service I can deploy")]
    [InlineData("deploy demo 1.5.0;reboot", "is not a version demo accepts")]
    [InlineData("deploy demo $(touch${IFS}/tmp/pwned)", "is not a version demo accepts")]
    public async Task Refusals_RunNothing(string line, string reason)
    {
        var reply = await MentionAsync(line);
        Assert.Contains(reason, Text(reply));
        Assert.DoesNotContain("Confirm", reply.Body);
        Assert.Equal("1.4.0", (await File.ReadAllTextAsync(_demo.VersionFile)).Trim());
    }

    [Fact]
    public async Task TheRequesterConfirmingATwoPersonDeploy_IsRefused()
    {
        var click = await ConfirmAsync(await MentionAsync("deploy demo 1.5.0"), user: "U0ALICE");
        Assert.Contains("Two-person rule", Text(click));
        Assert.Empty(_slack.CallsTo("chat.update"));
    }

    private static string TryRead(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
