using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Core.Confirmations;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.EndToEnd;

/// <summary>
/// A rules file dropped into Slack reaches Prometheus: Debian's Prometheus and promtool, the real Ops service, the bot in
/// local mode with its queues in Azurite; only Slack is a fake, serving the shared file from its file host.
/// </summary>
public sealed class ConfigPushEndToEndTests : IAsyncLifetime
{
    private const string Target = "prometheus-rules";
    private RealPrometheus _prometheus = null!;
    private OpsServiceHost _ops = null!;
    private FakeSlackApi _slack = null!;
    private Azurite _azurite = null!;
    private LocalApp _bot = null!;

    public async Task InitializeAsync()
    {
        _prometheus = await RealPrometheus.StartAsync("127.0.0.1:9", reloadable: true);
        const string t = "OpsService:Config:Targets:" + Target + ":";
        _ops = await OpsServiceHost.StartAsync(_prometheus.Url, "http://127.0.0.1:1",
            ("OpsService:Config:HistoryFolder", Directory.CreateTempSubdirectory("config-history-").FullName),
            (t + "Path", _prometheus.RulesFile), (t + "Format", "yaml"), (t + "Validate", "promtool check rules {file}"),
            (t + "Reload", _prometheus.Url + "/-/reload"), (t + "Verify", "prometheus_config_last_reload_successful"),
            (t + "VerifyDelay", "00:00:01"), (t + "VerifyTimeout", "00:00:10"));
        _slack = await FakeSlackApi.StartAsync();
        _azurite = await Azurite.StartAsync();
        _bot = await LocalApp.StartAsync(_azurite, _slack, new Dictionary<string, string>
        {
            ["Ops:Endpoint"] = _ops.Endpoint,
            ["Slack:FileHostUrl"] = _slack.BaseUrl,
            ["Access:Rules:0:Commands"] = "config push,config rollback",
            ["Access:Rules:0:Users"] = "U0ALICE,U0BOB",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _azurite.DisposeAsync();
        await _slack.DisposeAsync();
        await _ops.DisposeAsync();
        await _prometheus.DisposeAsync();
    }

    private async Task<IReadOnlyList<string>> RuleNamesAsync() =>
        (await _prometheus.WaitUntilAsync("/api/v1/rules", _ => true, TimeSpan.FromSeconds(10)))["data"]!["groups"]!.AsArray()
        .SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string)r!["name"]!).ToList();

    private Task WaitForRulesAsync(Func<IReadOnlyList<string>, bool> condition) =>
        _prometheus.WaitUntilAsync("/api/v1/rules", root => condition(
            root?["data"]?["groups"]?.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string)r!["name"]!).ToList() ?? []),
            TimeSpan.FromSeconds(15));

    /// <summary>A file dropped into the DM with the bot, with the text people type with it.</summary>
    private async Task<RecordedCall> DropFileAsync(string id, string name, byte[] content)
    {
        _slack.Files[id] = new SharedFile(name, content);
        var body = JsonNode.Parse(SlackRequests.DirectMessage("push config " + Target, "Ev" + Guid.NewGuid().ToString("N")[..8], user: "U0ALICE",
            ts: Envelopes.NextTs(), subtype: "file_share"))!.AsObject();
        body["event"]!["files"] = new JsonArray(new JsonObject { ["id"] = id, ["name"] = name });
        var json = body.ToJsonString();
        var before = _slack.CallsTo("chat.postMessage").Count;
        Assert.Equal(200, (int)(await _bot.PostRawSlackAsync(json, SlackRequests.SignedHeaders(json))).StatusCode);
        return (await _slack.WaitForCallsAsync("chat.postMessage", before + 1, TimeSpan.FromSeconds(20)))[before];
    }

    private async Task<RecordedCall> AskAsync(string text)
    {
        var body = SlackRequests.DirectMessage(text, "Ev" + Guid.NewGuid().ToString("N")[..8], user: "U0ALICE", ts: Envelopes.NextTs());
        var before = _slack.CallsTo("chat.postMessage").Count;
        Assert.Equal(200, (int)(await _bot.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body))).StatusCode);
        return (await _slack.WaitForCallsAsync("chat.postMessage", before + 1, TimeSpan.FromSeconds(20)))[before];
    }

    private async Task ConfirmAsync(RecordedCall prompt)
    {
        var value = (string)prompt.Json["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).Single(e => (string?)e["action_id"] == ConfirmationActions.Confirm)["value"]!;
        var body = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: "U0BOB", channel: "D0DM001",
            responseUrl: _slack.ResponseUrl("r-" + Guid.NewGuid().ToString("N")[..6]), triggerId: "trig-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(200, (int)(await _bot.PostRawSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"))).StatusCode);
    }

    /// <summary>The first message the bot sent (posted, updated or through the response URL) that says all of <paramref name="parts"/>.</summary>
    private async Task<string> SaidAsync(params string[] parts)
    {
        for (var i = 0; i < 300; i++)
        {
            var said = _slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.update" or "response_url").Select(All)
                .FirstOrDefault(text => parts.All(text.Contains));
            if (said is not null) return said;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the bot never said {string.Join(" + ", parts)}; it said: " +
                                   string.Join(" | ", _slack.Calls.Where(c => c.Method is "chat.postMessage" or "chat.update" or "response_url").Select(All)));
    }

    private static string All(RecordedCall call) => ((string?)call.Json["text"] ?? "") + "\n" + string.Join("\n",
        call.Json["blocks"]?.AsArray().OfType<JsonObject>().Select(b => (string?)b["text"]?["text"] ?? "") ?? []);

    private static byte[] Rules(params string[] alerts) => Encoding.UTF8.GetBytes(
        "groups:\n  - name: pushed\n    rules:\n" + string.Concat(alerts.Select(a => $"      - alert: {a}\n        expr: vector(1)\n")));

    [Fact]
    public async Task ARulesFileDroppedIntoSlack_IsShownAsADiff_PushedOnConfirm_AndLoadedByPrometheus_ThenRolledBack()
    {
        var original = await File.ReadAllBytesAsync(_prometheus.RulesFile);
        Assert.Contains("CheckoutErrorRate", await RuleNamesAsync());

        // Refused by promtool: its words in the reply, no Confirm, the file and Prometheus unchanged.
        var broken = await DropFileAsync("F0BROKEN", "broken.yml", Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(Rules("Broken")).Replace("vector(1)", "sum(rate(x[5m])")));
        Assert.Contains($"`broken.yml` was not pushed to `{Target}`: the validator `promtool` refused it", All(broken));
        Assert.Contains("unclosed left parenthesis", All(broken));
        Assert.DoesNotContain(ConfirmationActions.Confirm, broken.Body);
        Assert.Equal(original, await File.ReadAllBytesAsync(_prometheus.RulesFile));

        // A new rules file: the prompt shows the diff; nothing is written before Confirm.
        var prompt = await DropFileAsync("F0RULES", "rules.yml", Rules("PushedFromSlack"));
        var shown = All(prompt);
        Assert.Contains($"push `rules.yml` to `{Target}` (the validator passed it)", shown);
        Assert.Contains("+      - alert: PushedFromSlack", shown);
        Assert.Contains("-      - alert: CheckoutErrorRate", shown);
        Assert.Equal(original, await File.ReadAllBytesAsync(_prometheus.RulesFile));
        // Both files were fetched from the fake's file host, with the bot token.
        Assert.Equal(2, _slack.CallsTo("file download").Count);
        Assert.All(_slack.CallsTo("file download"), c => Assert.Equal("Bearer " + SlackRequests.BotToken, c.Authorization));

        await ConfirmAsync(prompt);
        var done = await SaidAsync($":white_check_mark: Push to `{Target}`", "reloaded and verified");
        Assert.Contains("verify: prometheus_config_last_reload_successful = 1", done);
        await WaitForRulesAsync(names => names.SequenceEqual(["PushedFromSlack"]));
        Assert.Equal(Rules("PushedFromSlack"), await File.ReadAllBytesAsync(_prometheus.RulesFile));

        var history = await AskAsync("config history " + Target);
        Assert.Contains("<@U0BOB>", All(history));

        // Rollback: the original rules back in Prometheus.
        var rollback = await AskAsync("config rollback " + Target);
        Assert.Contains("+      - alert: CheckoutErrorRate", All(rollback));
        await ConfirmAsync(rollback);
        await SaidAsync($":white_check_mark: Rollback of `{Target}`");
        await WaitForRulesAsync(names => names.Contains("CheckoutErrorRate") && !names.Contains("PushedFromSlack"));
        Assert.Equal(original, await File.ReadAllBytesAsync(_prometheus.RulesFile));
    }
}
