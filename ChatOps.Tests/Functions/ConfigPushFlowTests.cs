using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>`config push` through the slack function, the queue and the worker, with the fake Slack serving the shared
/// file: the prompt with the diff, Confirm pushing exactly the revision shown, the per-target rule, and the refusals.</summary>
public sealed class ConfigPushFlowTests : IAsyncLifetime
{
    private static readonly byte[] Current = Encoding.UTF8.GetBytes("groups: []\n");
    private static readonly byte[] Candidate = Encoding.UTF8.GetBytes("groups:\n  - name: pushed\n    rules: []\n");
    private readonly FakeOpsClient _ops = new();
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _ops.ConfigFiles["rules"] = Current;
        _ops.ConfigFiles["alertmanager"] = Current;
        _slack.Files["F0RULES"] = new SharedFile("rules.yml", Candidate);
        var app = await TestApp.StartAsync(_slack, new Dictionary<string, string>
        {
            ["Slack:FileHostUrl"] = _slack.BaseUrl,
            // The two-person rule for one target only, by its scoped name.
            ["Access:Rules:0:Commands"] = "config push,config rollback",
            ["Access:Rules:0:Users"] = "U0ALICE,U0BOB",
            ["Access:Rules:1:Commands"] = "config push alertmanager",
            ["Access:Rules:1:Users"] = "U0ALICE,U0BOB",
            ["Access:Rules:1:RequireApproval"] = "true",
        }, services => services.AddSingleton<IOpsClient>(_ops));
        _bot = new HostedBot(app);
    }

    public async Task DisposeAsync()
    {
        await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private async Task<RecordedCall> AskAsync(string text, string user = "U0ALICE")
    {
        var before = _slack.CallsTo("chat.postMessage").Count;
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: user, ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
        return _slack.CallsTo("chat.postMessage").Skip(before).Single();
    }

    private async Task<RecordedCall> ClickAsync(RecordedCall prompt, string user)
    {
        var before = _slack.CallsTo("response_url").Count + _slack.CallsTo("chat.postEphemeral").Count;
        var value = (string)prompt.Json["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions")
            .SelectMany(b => b["elements"]!.AsArray().OfType<JsonObject>()).Single(e => (string?)e["action_id"] == ConfirmationActions.Confirm)["value"]!;
        var body = SlackRequests.BlockActions(ConfirmationActions.Confirm, value, user: user, responseUrl: _slack.ResponseUrl("r1"),
            triggerId: "trig-" + Guid.NewGuid().ToString("N")[..8]);
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));
        return _slack.CallsTo("response_url").Concat(_slack.CallsTo("chat.postEphemeral")).Skip(before).Single();
    }

    private static string Text(RecordedCall call) => (string?)call.Json["text"] ?? "";

    private IEnumerable<ConfigPushOrder> Pushes => _ops.Calls.Where(c => c.Method == "PushConfig").Select(c => (ConfigPushOrder)c.Request!);

    [Fact]
    public async Task Prompt_ShowsTheDiff_AndConfirmPushesExactlyThePlannedRevisionOverTheOneShown()
    {
        var prompt = await AskAsync("config push rules F0RULES");
        Assert.Contains($"push `rules.yml` to `rules`: revision `{FakeOpsClient.Revision(Current)}` → `{FakeOpsClient.Revision(Candidate)}`", Text(prompt));
        Assert.Contains("+new line", Text(prompt));
        Assert.Empty(Pushes);
        Assert.Equal("Bearer " + SlackRequests.BotToken, Assert.Single(_slack.CallsTo("file download")).Authorization);

        var done = await ClickAsync(prompt, "U0BOB");
        Assert.Contains($":white_check_mark: Push to `rules`: revision `{FakeOpsClient.Revision(Candidate)}` is in place", Text(done));
        var push = Assert.Single(Pushes);
        Assert.Equal((FakeOpsClient.Revision(Candidate), FakeOpsClient.Revision(Current), "U0ALICE", "U0BOB", (byte[]?)null),
            (push.CandidateRevision, push.ExpectedRevision, push.RequestedBy, push.ConfirmedBy, push.Content));
    }

    [Fact]
    public async Task TwoPromptsOnOneRevision_TheSecondConfirmIsRefused_SayingTheFileChanged()
    {
        _slack.Files["F0OTHER"] = new SharedFile("other.yml", Encoding.UTF8.GetBytes("groups:\n  - name: other\n    rules: []\n"));
        var first = await AskAsync("config push rules F0RULES");
        var second = await AskAsync("config push rules F0OTHER", "U0BOB");
        Assert.Contains(":white_check_mark:", Text(await ClickAsync(first, "U0BOB")));

        var refused = await ClickAsync(second, "U0ALICE");
        Assert.Contains(":no_entry: Push to `rules` refused: rules changed since the diff was shown", Text(refused));
        Assert.Equal(Candidate, _ops.ConfigFiles["rules"]);
    }

    [Fact]
    public async Task ARuleNamingTheTarget_PutsThatTargetUnderTheTwoPersonRule()
    {
        var prompt = await AskAsync("config push alertmanager F0RULES");
        var own = await ClickAsync(prompt, "U0ALICE");
        Assert.Contains("Two-person rule", Text(own));
        Assert.Empty(Pushes);
        Assert.Contains(":white_check_mark:", Text(await ClickAsync(prompt, "U0BOB")));
    }

    [Fact]
    public async Task AFileSharedInADmWithPushConfig_GetsThePrompt_AndOneWithNoTextGetsTheTargetsToChooseFrom()
    {
        var withText = SharedInDm("push config rules", "Ev0DM1");
        await _bot.FromSlackAsync(withText, SlackRequests.SignedHeaders(withText));
        var prompt = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("push `rules.yml` to `rules`", Text(prompt));

        var bare = SharedInDm(null, "Ev0DM2");
        await _bot.FromSlackAsync(bare, SlackRequests.SignedHeaders(bare));
        var ask = _slack.CallsTo("chat.postMessage").Last();
        Assert.Contains("Configuration targets:\n• `alertmanager`", Text(ask));
        Assert.EndsWith("Which one? Share the file again with the text `push config` and the target's name.", Text(ask));
    }

    private static string SharedInDm(string? text, string eventId)
    {
        var body = JsonNode.Parse(SlackRequests.DirectMessage(text ?? "", eventId, user: "U0ALICE", ts: Envelopes.NextTs(), subtype: "file_share"))!.AsObject();
        var ev = body["event"]!.AsObject();
        if (text is null) ev.Remove("text");
        ev["files"] = new JsonArray(new JsonObject { ["id"] = "F0RULES", ["name"] = "rules.yml" });
        return body.ToJsonString();
    }

    [Theory]
    [InlineData("config push nope F0RULES", "There is no config target `nope`. Targets: `alertmanager`, `rules`.")]
    [InlineData("config push rules F0GONE", "I could not read the file `F0GONE` from Slack (`file_not_found`); share it again.")]
    [InlineData("config push rules F0OTHERTEAM", "`theirs.yml` was shared from another workspace; only files from this one are pushed.")]
    [InlineData("config push rules F0HUGE", "`huge.yml` was not taken: the file is 300,000 bytes; at most 262,144 are taken.")]
    [InlineData("config push rules F0FOREIGN", "`foreign.yml` was not taken: the file's download address is not Slack's file host, so it was not fetched.")]
    public async Task BadFiles_AreRefusedAtTheFirstAnswer_WithNothingPlannedOrPushed(string text, string expected)
    {
        _slack.Files["F0OTHERTEAM"] = new SharedFile("theirs.yml", Candidate, UserTeam: "T0THEIRS");
        _slack.Files["F0HUGE"] = new SharedFile("huge.yml", new byte[300_000]);
        _slack.Files["F0FOREIGN"] = new SharedFile("foreign.yml", Candidate, DownloadUrl: "https://files.example.com/foreign.yml");
        var answer = await AskAsync(text);
        Assert.Equal(":no_entry: " + expected, Text(answer));
        Assert.Empty(Pushes);
        Assert.DoesNotContain(_ops.Calls, c => c.Method == "PlanConfig");
    }

    [Fact]
    public async Task ValidatorRefusal_IsShownWithItsOutputEscaped_AndNoButtons()
    {
        _ops.ConfigPlanRefusal = "the validator `promtool` refused it (exit 1)";
        _ops.ConfigOutput = ["rules.yml: 5:15: group \"x\", rule 1, \"<!channel>\": could not parse expression"];
        var answer = await AskAsync("config push rules F0RULES");
        Assert.Contains("was not pushed to `rules`: the validator `promtool` refused it (exit 1). Nothing was written.", Text(answer));
        Assert.Contains("&lt;!channel&gt;", Text(answer));
        Assert.DoesNotContain("<!channel>", Text(answer));
        Assert.DoesNotContain(answer.Json["blocks"]!.AsArray().OfType<JsonObject>(), b => (string?)b["type"] == "actions");
    }

    [Fact]
    public async Task ConfigTargetsTyped_ListsTheTargets_WithoutAskingForAFile()
    {
        var answer = Text(await AskAsync("config targets"));
        Assert.Contains("Configuration targets:\n• `alertmanager`", answer);
        Assert.DoesNotContain("Which one?", answer);
        Assert.EndsWith("Push one by sharing the file with the text `push config` and the target's name.", answer);
    }

    /// <summary>200 changed rules, with mrkdwn and a mention in them: far over what a message shows.</summary>
    private static string LongDiff() =>
        "--- rules (current)\n+++ rules (new)\n@@ -1,200 +1,200 @@\n" +
        string.Join("\n", Enumerable.Range(0, 200).Select(i => $"+  - alert: Rule{i} <!channel> *bold* expr: rate(x[5m]) > {i}"));

    private static IEnumerable<JsonObject> Actions(RecordedCall prompt) =>
        prompt.Json["blocks"]!.AsArray().OfType<JsonObject>().Where(b => (string?)b["type"] == "actions");

    [Fact]
    public async Task ALongDiff_IsUploadedWholeInThePromptsThread_Once_AndThePromptKeepsItsButtons()
    {
        _ops.ConfigDiff = LongDiff();
        var body = SlackRequests.AppMention("<@UBOT0001> config push rules F0RULES", eventId: "Ev0LONG1", user: "U0ALICE", ts: "1700000500.000100");
        var (_, message) = await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
        var prompt = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Contains("the whole diff, 203 lines, is in the thread", Text(prompt));
        Assert.Single(Actions(prompt));
        Assert.DoesNotContain("<!channel>", Text(prompt));

        // The file is the diff itself, byte for byte, in the thread the prompt was posted in.
        Assert.Equal(_ops.ConfigDiff, Encoding.UTF8.GetString(Assert.Single(_slack.CallsTo("upload")).Bytes));
        var complete = Assert.Single(_slack.CallsTo("files.completeUploadExternal"));
        Assert.Equal("1700000500.000100", complete.Form("thread_ts"));
        Assert.Equal("1700000500.000100", prompt.Str("thread_ts"));
        Assert.EndsWith(".diff", Assert.Single(_slack.CallsTo("files.getUploadURLExternal")).Form("filename"));

        // The queue delivers the same message again (another worker, a lost ack): no second prompt, no second upload.
        Assert.Equal(200, await _bot.DeliverAsync(message!, dequeueCount: 2));
        Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Single(_slack.CallsTo("files.completeUploadExternal"));

        Assert.Contains(":white_check_mark:", Text(await ClickAsync(prompt, "U0BOB")));
        Assert.Equal((FakeOpsClient.Revision(Candidate), FakeOpsClient.Revision(Current)),
            Pushes.Select(p => (p.CandidateRevision, p.ExpectedRevision)).Single());
    }

    [Fact]
    public async Task ALongDiff_SharedInADm_GoesInTheThreadOfThePromptItself()
    {
        _ops.ConfigDiff = LongDiff();
        var shared = SharedInDm("push config rules", "Ev0LONGDM");
        await _bot.FromSlackAsync(shared, SlackRequests.SignedHeaders(shared));
        var prompt = Assert.Single(_slack.CallsTo("chat.postMessage"));
        // The fake answers each call with a ts made from its position among the calls.
        var promptTs = $"1700000000.{_slack.Calls.ToList().IndexOf(prompt) + 1:D6}";
        Assert.Equal(promptTs, Assert.Single(_slack.CallsTo("files.completeUploadExternal")).Form("thread_ts"));
    }

    [Fact]
    public async Task AnUploadSlackRefuses_LeavesThePromptUsable_AndSaysTheDiffIsNotAttached()
    {
        _ops.ConfigDiff = LongDiff();
        _slack.Script("files.getUploadURLExternal", _ => FakeSlackApi.SlackError("not_allowed"));
        var body = SlackRequests.AppMention("<@UBOT0001> config push rules F0RULES", eventId: "Ev0LONG2", user: "U0ALICE", ts: Envelopes.NextTs());
        Assert.Equal(200, (await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body))).AckStatus);
        var (prompt, note) = (_slack.CallsTo("chat.postMessage")[0], _slack.CallsTo("chat.postMessage")[1]);
        Assert.Single(Actions(prompt));
        Assert.Equal(2, _slack.CallsTo("chat.postMessage").Count);
        Assert.Equal(prompt.Str("thread_ts"), note.Str("thread_ts"));
        Assert.Contains("could not be attached", Text(note));
        Assert.Contains("`not_allowed`", Text(note));
        Assert.Empty(_slack.CallsTo("files.completeUploadExternal"));

        Assert.Contains(":white_check_mark:", Text(await ClickAsync(prompt, "U0BOB")));
        Assert.Equal(FakeOpsClient.Revision(Candidate), Pushes.Single().CandidateRevision);
    }
}
