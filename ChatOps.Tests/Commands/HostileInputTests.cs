using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOps.Core.Commands;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Graphs;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using ChatOps.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Commands;

/// <summary>
/// Every registered command, with Slack markup in every argument and in everything the backends return:
/// no special mention, user or channel link or URL may reach Slack unless the code itself made it (the
/// caller's mention, the trace UI link). Text typed in Slack arrives here unescaped (SlackText undid
/// `&amp;lt;!channel&amp;gt;`), so this is what a user gets by typing it.
/// </summary>
public sealed class HostileInputTests
{
    private const string Evil = "<!channel><!here><@U0EVIL><#C0EVIL><!subteam^S0EVIL><http://evil.example|x>";
    private const string Caller = "U0ALICE";
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Each command's lines, so that every argument it takes carries the markup; a new command must be added here.</summary>
    private static readonly Dictionary<string, string[]> Lines = new()
    {
        ["help"] = [$"help {Evil}", $"help \"{Evil}\"", "help alerts", "help"],
        ["alerts"] = [$"alerts team={Evil}", $"alerts tags={Evil} severity={Evil}", $"alerts state={Evil}", $"alerts since={Evil}",
            $"alerts label:state={Evil}", $"alerts {Evil}", $"alerts {Evil}=1", "alerts"],
        ["deployed version"] = [$"deployed version {Evil}", "deployed version"],
        ["list traces"] = [$"list traces service={Evil} operation={Evil} tags=[{Evil}:{Evil}]", $"list traces limit={Evil}",
            $"list traces start={Evil}", $"list traces end={Evil}", $"list traces min={Evil}", $"list traces max={Evil}",
            $"list traces tags={Evil}", $"list traces {Evil}", $"list traces {Evil}=1", "list traces operation=\"<!here> x\""],
        ["show trace"] = [$"show trace {Evil}", $"show trace a {Evil}", "show trace 4bf92f3577b34da6a3ce929d0e0e4736"],
        ["show logs"] = [$"show logs {Evil}", "show logs 4bf92f3577b34da6a3ce929d0e0e4736"],
        ["change sampling"] = [$"change sampling {Evil}", $"change sampling float {Evil}", "change sampling float .5"],
        ["list graph shortcuts"] = [$"list graph shortcuts {Evil}", "list graph shortcuts"],
        ["graph"] = [$"graph {Evil}", $"graph query={Evil}", $"graph query=\"{Evil}\" range=1h", $"graph latency range={Evil}",
            $"graph latency from={Evil}", $"graph latency to={Evil}", "graph latency", $"graph {Evil} {Evil}"],
        ["silences"] = [$"silences {Evil}", "silences"],
        ["silence"] = [$"silence {Evil}", $"silence alertname={Evil} for 1h because {Evil}", $"silence a=b for {Evil}", $"silence {Evil}=x for 1h"],
        ["unsilence"] = [$"unsilence {Evil}", "unsilence 3f2c1a9e-6b1d"],
        ["oncall"] = [$"oncall {Evil}", "oncall"],
        ["oncall overrides"] = [$"oncall overrides {Evil}", "oncall overrides"],
        ["oncall override"] = [$"oncall override {Evil} <@U0BOB> until 2h", $"oncall override payments {Evil} until 2h", $"oncall override payments <@U0BOB> until {Evil}"],
        ["oncall swap"] = [$"oncall swap {Evil} <@U0BOB>", $"oncall swap payments {Evil}"],
        ["deploy"] = [$"deploy {Evil} 1.0", $"deploy demo {Evil}", "deploy demo 1.5.0"],
        ["rollback"] = [$"rollback {Evil}", "rollback demo"],
        ["profile"] = [$"profile {Evil}", $"profile demo {Evil}", $"profile demo cpu for {Evil}", $"profile {Evil} heap"],
        ["deployments"] = [$"deployments {Evil}", $"deployments limit={Evil}", "deployments demo", "deployments"],
        ["config targets"] = [$"config targets {Evil}", "config targets"],
        ["config show"] = [$"config show {Evil}", "config show rules", "config show nope"],
        ["config history"] = [$"config history {Evil}", "config history rules", "config history nope"],
        ["config push"] = [$"config push {Evil} F0ABCDEF", $"config push rules {Evil}", "config push nope F0ABCDEF", $"config push rules F0ABCDEF {Evil} {Evil}"],
        ["config rollback"] = [$"config rollback {Evil}", $"config rollback rules {Evil}", "config rollback rules", "config rollback rules 0123456789ab"],
    };

    private static FakeOpsClient HostileOps(bool empty) => empty ? new FakeOpsClient { Version = "" } : new FakeOpsClient
    {
        Version = Evil,
        Alerts = [new AlertInfo(Evil, Evil, Now.AddMinutes(-1),
            new Dictionary<string, string> { ["alertname"] = Evil, ["severity"] = Evil, ["team"] = Evil },
            new Dictionary<string, string> { ["summary"] = Evil, ["description"] = Evil })],
        Traces = [new TraceSummary("4bf92f3577b34da6a3ce929d0e0e4736", Now.AddMinutes(-1))],
        Trace = new TraceDetails("4bf92f3577b34da6a3ce929d0e0e4736", [Evil, Evil], [Evil], [Evil], TimeSpan.FromMilliseconds(5)),
        Logs = new TraceLogs("4bf92f3577b34da6a3ce929d0e0e4736", [new LogEvent(Now, [new LogField(Evil, Evil), new LogField("message", Evil)])]),
        Series = [new MetricSeries(new Dictionary<string, string> { ["__name__"] = Evil, ["job"] = Evil }, [new MetricPoint(Now.AddMinutes(-5), 1)])],
        RollbackVersion = Evil,
        ConfigFiles = { ["rules"] = System.Text.Encoding.UTF8.GetBytes(Evil) },
        ConfigChanges = { ["rules"] = [new ConfigChangeInfo("0123456789ab", Evil, Evil, Evil, Evil, Evil, Now, Evil, [Evil, "```" + Evil])] },
        ConfigOutput = [Evil, "```" + Evil],
        Deployments =
        {
            new DeploymentInfo(Evil, Evil, Evil, Evil, false, Evil, Evil, Now.AddMinutes(-9), Now.AddMinutes(-8), DeploymentState.Failed, 1, [Evil, "```" + Evil]),
        },
    }.WithSilence(new SilenceInfo(Evil, [new ChatOps.Core.Alerts.LabelMatcher(Evil, Evil, true, false)], Now, Now.AddHours(1), Evil, Evil, "active"));

    private sealed class BlankRenderer : IGraphRenderer
    {
        public Task<byte[]> DrawFlameGraphAsync(FlameGraphSpec flame, CancellationToken ct = default) => throw new NotSupportedException();

        public Task<byte[]> DrawChartAsync(ChartSpec chart, CancellationToken ct = default) => Task.FromResult(new byte[] { 1 });

        public Task<PageCapture> CapturePageAsync(PageRequest page, CancellationToken ct = default) =>
            Task.FromResult(new PageCapture([1], Blank: false, TimeSpan.Zero));
    }

    private static ServiceProvider Services(FakeOpsClient ops)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ops:Endpoint"] = "http://ops.internal:50051",
            ["Ops:TraceUiUrl"] = "https://jaeger.example.net/trace/{id}",
            ["Graphs:AllowAdHocQueries"] = "true",
            ["Graphs:Shortcuts:latency:Query"] = "rate(x[5m])",
            ["Graphs:Shortcuts:latency:Title"] = "p99 latency",
            ["Confirmations:HmacKey"] = SlackRequests.HmacKey,
        }).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new ManualClock(Now))
            .AddLogging()
            .AddChatOpsServices(configuration, serving: false, HostJsonQueues.Defaults)
            .AddSingleton<IOpsClient>(ops)
            .AddSingleton<IGraphRenderer>(new BlankRenderer())
            .BuildServiceProvider();
    }

    public static IEnumerable<object[]> Cases() =>
        Lines.SelectMany(kv => kv.Value.SelectMany(line => new object[][] { [line, false], [line, true] }));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileInput_NeverBecomesSlackMarkup(string line, bool emptyBackend)
    {
        await using var services = Services(HostileOps(emptyBackend));
        var dispatcher = services.GetRequiredService<CommandDispatcher>();
        var context = new CommandContext("cmd-1", Caller, "C0INCIDENT", "T0001", dispatcher.Registry)
        {
            Confirmations = services.GetRequiredService<ConfirmationGate>(),
        };

        var outcome = await dispatcher.RunAsync(line, context);

        foreach (var text in SlackParsedTexts(BlockKitJson.ToPayload(outcome.Reply)))
        {
            var left = Allowed().Replace(text, "");
            Assert.True(!left.Contains('<') && !left.Contains('>'), $"`{line}` put markup into Slack's text: {text}");
        }
    }

    [Fact]
    public async Task EveryRegisteredCommand_IsWalkedWithHostileInput()
    {
        await using var services = Services(HostileOps(false));

        Assert.All(services.GetRequiredService<CommandRegistry>().All, c => Assert.True(Lines.ContainsKey(c.Info.Name), $"{c.Info.Name} has no hostile lines"));
    }

    [Fact]
    public async Task Alerts_NoneMatchingAMassMention_RepeatsTheFilterEscaped()
    {
        await using var services = Services(HostileOps(empty: true));

        var outcome = await services.RunAsync("alerts team=<!channel>");

        Assert.Equal(":white_check_mark: No alerts matching team=&lt;!channel&gt;.", outcome.Reply.Text);
    }

    /// <summary>The `text` fallback and every mrkdwn text: the fields Slack parses for mentions and links
    /// (plain_text and a table's raw_text are shown as written).</summary>
    private static IEnumerable<string> SlackParsedTexts(JsonObject payload)
    {
        yield return (string?)payload["text"] ?? "";
        foreach (var node in Walk(payload["blocks"]))
            if (node is JsonObject o && (string?)o["type"] == "mrkdwn")
                yield return (string?)o["text"] ?? "";
    }

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null) yield break;
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(kv => kv.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
            foreach (var n in Walk(child))
                yield return n;
    }

    // What the code itself may write: the caller's mention and links into the trace UI.
    private static Regex Allowed() => new($@"<@{Caller}>|<https://jaeger\.example\.net/trace/[0-9a-f]+\|Open in the trace UI>");
}
