using System.Text.RegularExpressions;
using ChatOps.Core.Commands;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Functions;
using ChatOps.Local.Cli;
using ChatOps.Functions.Configuration;
using ChatOps.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Docs;

/// <summary>
/// The example replies in README.md and docs/commands.md (between the examples markers) are what the
/// commands print today: each `$ scripts/run ask "..."` block is run through the real registry against the
/// Ops answers below, at a fixed clock, and must match. When a reply changes on purpose, the failure shows
/// the new text to paste.
/// </summary>
public sealed class ExampleRepliesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static FakeOpsClient Ops() => new FakeOpsClient
    {
        Version = "v2.14.1",
        Alerts =
        [
            new AlertInfo("firing", "0.072", Now.AddMinutes(-12),
                new Dictionary<string, string> { ["alertname"] = "CheckoutErrorRate", ["severity"] = "critical", ["service"] = "checkout" },
                new Dictionary<string, string> { ["summary"] = "5xx above 5% on checkout" }),
            new AlertInfo("pending", "0.81", Now.AddMinutes(-3),
                new Dictionary<string, string> { ["alertname"] = "DiskFillingUp", ["severity"] = "warning", ["instance"] = "db-1" },
                new Dictionary<string, string> { ["summary"] = "disk 81% full on db-1" }),
        ],
        Traces =
        [
            new TraceSummary("4bf92f3577b34da6a3ce929d0e0e4736", Now.AddMinutes(-2)),
            new TraceSummary("00f067aa0ba902b7a3ce929d0e0e4736", Now.AddMinutes(-7)),
        ],
        Trace = new TraceDetails("4bf92f3577b34da6a3ce929d0e0e4736", ["GET /checkout", "charge-card", "SELECT orders"],
            ["card declined"], ["error", "http.status_code", "customer.tier"], TimeSpan.FromMilliseconds(842)),
        Logs = new TraceLogs("4bf92f3577b34da6a3ce929d0e0e4736",
        [
            new LogEvent(Now.AddMinutes(-2), [new LogField("event", "retry"), new LogField("attempt", "2")]),
            new LogEvent(Now.AddMinutes(-2).AddSeconds(1), [new LogField("event", "error"), new LogField("message", "card declined")]),
        ]),
        Deployments =
        {
            new DeploymentInfo("dep-3f9a1c2b7d10", "checkout", "v2.14.1", "v2.14.0", false, "U024BE7LH", "U0G9QF9C6",
                Now.AddHours(-2), Now.AddHours(-2).AddSeconds(94), DeploymentState.Succeeded, 0, []),
            new DeploymentInfo("dep-0c41e8a95b22", "checkout", "v2.15.0", "v2.14.1", false, "U024BE7LH", "U0G9QF9C6",
                Now.AddHours(-1), Now.AddHours(-1).AddSeconds(41), DeploymentState.Failed, 1, ["error: ImagePullBackOff"]),
        },
        ProfileAnswer = new ProfileStart(new ProfileInfo("3c9d2e1f0a4b5c6d", "checkout", "cpu", 20, "U0ALICE", Now, Now.AddSeconds(20), false, null), null),
        ConfigFiles =
        {
            ["alertmanager"] = System.Text.Encoding.UTF8.GetBytes("route:\n  receiver: chatops\n"),
            ["prometheus-rules"] = System.Text.Encoding.UTF8.GetBytes("groups: []\n"),
        },
        ConfigChanges =
        {
            ["prometheus-rules"] =
            [
                new ConfigChangeInfo("9c1e5b7a2f40", "3f2a9c1b7d4e", "push", "restored", "U024BE7LH", "U0G9QF9C6", Now.AddMinutes(-20), "", []),
                new ConfigChangeInfo("3f2a9c1b7d4e", "b81d04c9e2a7", "push", "applied", "U024BE7LH", "U0G9QF9C6", Now.AddHours(-3), "", []),
            ],
        },
    }.WithSilence(new SilenceInfo("3f2c1a9e-6b1d-4c55-9a8e-0f1e2d3c4b5a", [new ChatOps.Core.Alerts.LabelMatcher("alertname", "DiskFillingUp", false, true)],
        Now.AddMinutes(-30), Now.AddHours(2), "U0ALICE", "resizing the volume", "active"));

    private static async Task<string> AskAsync(string command)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ops:Endpoint"] = "http://ops.internal:50051",
            ["Ops:TraceUiUrl"] = "https://jaeger.example.net/trace/{id}",
            ["Graphs:Shortcuts:latency:Query"] = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) * 1000",
            ["Graphs:Shortcuts:latency:Title"] = "p99 latency",
            ["Graphs:Shortcuts:latency:Unit"] = "ms",
            ["Graphs:Shortcuts:latency:Range"] = "01:00:00",
            ["Graphs:Shortcuts:grafana-checkout:Url"] = "https://grafana.example.net/d/checkout?from={from}&to={to}",
            ["Graphs:Shortcuts:grafana-checkout:Title"] = "Checkout dashboard",
            ["OnCall:Schedules:payments:Rotation"] = "U0ALICE,U0BOB,U0CAROL",
            ["OnCall:Schedules:payments:Handoff"] = "Mon 09:00",
            ["OnCall:Schedules:payments:Length"] = "1w",
            ["OnCall:Schedules:payments:TimeZone"] = "Europe/Berlin",
            ["OnCall:Schedules:payments:Start"] = "2026-11-02",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new ManualClock(Now))
            .AddLogging()
            .AddChatOpsServices(configuration, serving: false, HostJsonQueues.Defaults)
            .AddSingleton<IOpsClient>(Ops())
            .AddSingleton<ChatOps.Core.OnCall.IOnCallOverrides>(new MemoryOnCallOverrides())
            .BuildServiceProvider();
        await using var _ = services;
        var output = new StringWriter();
        await new CommandLineRunner(services.GetRequiredService<CommandDispatcher>(), output, output).RunAsync(command);
        return output.ToString().ReplaceLineEndings("\n").TrimEnd();
    }

    public static TheoryData<string, string, string> Examples()
    {
        var examples = new TheoryData<string, string, string>();
        foreach (var page in new[] { "README.md", "docs/commands.md" })
        {
            var text = DocFiles.Text(page);
            var start = text.IndexOf("<!-- examples:start -->", StringComparison.Ordinal);
            var end = text.IndexOf("<!-- examples:end -->", StringComparison.Ordinal);
            Assert.True(start >= 0 && end > start, $"{page} has no examples markers");
            foreach (Match block in Regex.Matches(text[start..end], "```\n\\$ scripts/run ask \"(?<command>[^\"]+)\"\n(?<reply>.*?)\n```", RegexOptions.Singleline))
                examples.Add(page, block.Groups["command"].Value, block.Groups["reply"].Value);
        }
        return examples;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task TheDocsShow_WhatTheCommandPrints(string page, string command, string shown)
    {
        var actual = await AskAsync(command);

        Assert.True(actual == shown, $"{page}: the example for `{command}` is out of date; it prints:\n{actual}");
    }

    [Fact]
    public void EveryCommand_HasAnExample()
    {
        var shown = Examples().Select(e => (string)e[1]).ToList();
        var registry = CommandServices.Build(new Dictionary<string, string?> { ["Ops:Endpoint"] = "http://127.0.0.1:1" }).GetRequiredService<CommandRegistry>();

        Assert.All(registry.All, c => Assert.Contains(shown, s => s.StartsWith(c.Info.Name, StringComparison.OrdinalIgnoreCase)));
    }
}
