using System.Text.Json.Nodes;
using ChatOps.Core.Commands;
using ChatOps.Core.Ops;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Environments;

/// <summary>
/// Every registered command, asked in the staging channel through the whole pipeline: each reply Slack receives (answers,
/// usage mistakes, refusals, confirmation prompts, failure notices, file comments) names the environment. The marker is
/// added where replies leave the worker, so a command added later carries it without doing anything.
/// </summary>
public sealed class EnvironmentMarkerWalkTests : IAsyncLifetime
{
    /// <summary>One line per command; a new command must be added here.</summary>
    private static readonly Dictionary<string, string> Lines = new()
    {
        ["help"] = "help",
        ["alerts"] = "alerts",
        ["deployed version"] = "deployed version",
        ["list traces"] = "list traces service=demo",
        ["show trace"] = "show trace 4bf92f3577b34da6a3ce929d0e0e4736",
        ["show logs"] = "show logs 4bf92f3577b34da6a3ce929d0e0e4736",
        ["change sampling"] = "change sampling float .1",
        ["list graph shortcuts"] = "list graph shortcuts",
        ["graph"] = "graph query=up",
        ["silences"] = "silences",
        ["silence"] = "silence alertname=x for 1h",
        ["unsilence"] = "unsilence 3f2c1a9e-6b1d",
        ["deploy"] = "deploy demo 1.6.0",
        ["rollback"] = "rollback demo",
        ["profile"] = "profile",
        ["deployments"] = "deployments",
        ["config targets"] = "config targets",
        ["config show"] = "config show rules",
        ["config history"] = "config history rules",
        ["config push"] = "config push rules F0ABCDEF",
        ["config rollback"] = "config rollback rules",
        ["oncall"] = "oncall",
        ["oncall overrides"] = "oncall overrides",
        ["oncall override"] = "oncall override payments <@U0BOB> until 2h",
        ["oncall swap"] = "oncall swap payments <@U0BOB>",
    };

    private readonly FakeEnvironmentOps _ops = FakeEnvironmentOps.ProdAndStaging();
    private FakeSlackApi _slack = null!;
    private HostedBot _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        var settings = TwoEnvironments.Settings();
        settings["Access:Rules:0:Commands"] = "change sampling";
        var app = await TestApp.StartAsync(_slack, settings, services => services.AddSingleton<IEnvironmentOpsClients>(_ops));
        _bot = new HostedBot(app);
    }

    public async Task DisposeAsync()
    {
        await _bot.App.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private static readonly string[] Replies = ["chat.postMessage", "chat.postEphemeral", "chat.update", "response_url", "files.completeUploadExternal"];

    private async Task<List<RecordedCall>> AskAsync(string text)
    {
        var before = _slack.Calls.Count;
        var body = SlackRequests.AppMention("<@UBOT0001> " + text, eventId: "Ev" + Guid.NewGuid().ToString("N")[..8], user: "U0ALICE",
            channel: TwoEnvironments.StagingChannel, ts: Envelopes.NextTs());
        await _bot.FromSlackAsync(body, SlackRequests.SignedHeaders(body));
        return _slack.Calls.Skip(before).Where(c => Replies.Contains(c.Method)).ToList();
    }

    private static void AssertMarked(string line, RecordedCall call)
    {
        var text = call.Method == "files.completeUploadExternal" ? call.Form("initial_comment") : call.Str("text");
        Assert.True(text?.StartsWith("[staging] ", StringComparison.Ordinal) == true, $"`{line}` answered without its environment: {text}");
        if (call.Json["blocks"] is JsonArray { Count: > 0 } blocks)
            Assert.True((string?)blocks[0]!["type"] == "context" && (string?)blocks[0]!["elements"]![0]!["text"] == "Environment: *staging*",
                $"`{line}`'s blocks do not start with the environment: {blocks.ToJsonString()}");
    }

    [Fact]
    public async Task EveryCommandsReplies_NameTheEnvironment()
    {
        var registry = _bot.App.Services.GetRequiredService<CommandRegistry>();
        Assert.All(registry.All, c => Assert.True(Lines.ContainsKey(c.Info.Name), $"{c.Info.Name} has no line in the environment walk"));

        foreach (var command in registry.All)
        {
            var line = Lines[command.Info.Name];
            var replies = await AskAsync(line);
            Assert.True(replies.Count > 0, $"`{line}` got no reply");
            foreach (var reply in replies) AssertMarked(line, reply);
        }
        Assert.Empty(_ops["prod"].Calls);
    }

    [Fact]
    public async Task FailureNotices_NameTheEnvironment()
    {
        _ops["staging"].Failure = new OpsException(Grpc.Core.StatusCode.PermissionDenied, "DeployedVersion", "http://ops-staging", "not allowed");

        var replies = await AskAsync("deployed version");

        AssertMarked("deployed version", Assert.Single(replies));
        Assert.Contains("not allowed", replies[0].Str("text"));
    }

    [Fact]
    public async Task Help_SaysOnce_HowToChooseAnEnvironment()
    {
        var reply = Assert.Single(await AskAsync("help"));

        var text = reply.Str("text")!;
        Assert.Contains("Commands here run against `staging`. Add `env=&lt;name&gt;` to any command to run it against another environment: `env=prod`, `env=staging`.", text);
        Assert.Equal(1, text.Split("env=&lt;name&gt;").Length - 1);
        var sections = reply.Json["blocks"]!.AsArray().Select(b => (string?)b!["text"]?["text"] ?? "").ToList();
        Assert.Single(sections, t => t.Contains("env=&lt;name&gt;"));
    }
}
