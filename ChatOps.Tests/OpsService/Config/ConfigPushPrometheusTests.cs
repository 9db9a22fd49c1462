using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService.Config;

/// <summary>Debian's Prometheus (reloadable) and promtool, the real Ops service, and the bot's own gRPC client: Prometheus'
/// rule file pushed, refused, restored, rolled back and raced for, seen through Prometheus' /api/v1/rules.</summary>
public sealed class ConfigPushPrometheusTests
{
    private static readonly OpsCaller Caller = new("U0BOB", "C0OPS", "config push rules");

    private static byte[] Rules(params string[] alerts) => Encoding.UTF8.GetBytes(
        "groups:\n  - name: pushed\n    rules:\n" + string.Concat(alerts.Select(a => $"      - alert: {a}\n        expr: vector(1)\n")));

    private static async Task<IReadOnlyList<string>> RuleNamesAsync(RealPrometheus prometheus)
    {
        var root = await prometheus.WaitUntilAsync("/api/v1/rules", _ => true, TimeSpan.FromSeconds(10));
        return root["data"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string)r!["name"]!).ToList();
    }

    private static Task WaitForRulesAsync(RealPrometheus prometheus, Func<IReadOnlyList<string>, bool> condition) =>
        prometheus.WaitUntilAsync("/api/v1/rules", root => condition(
            root?["data"]?["groups"]?.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (string)r!["name"]!).ToList() ?? []),
            TimeSpan.FromSeconds(15));

    [Fact]
    public async Task RulesPushedThroughTheOpsService_ReachPrometheus_AndEveryFailureLeavesItAsItWas()
    {
        await using var prometheus = await RealPrometheus.StartAsync("127.0.0.1:9", reloadable: true);
        var history = Directory.CreateTempSubdirectory("config-history-").FullName;
        const string target = "OpsService:Config:Targets:";
        await using var ops = await OpsServiceHost.StartAsync(prometheus.Url, "http://127.0.0.1:9",
            ("OpsService:Config:HistoryFolder", history),
            (target + "rules:Path", prometheus.RulesFile), (target + "rules:Format", "yaml"),
            (target + "rules:Validate", "promtool check rules {file}"), (target + "rules:Reload", prometheus.Url + "/-/reload"),
            (target + "rules:Verify", "prometheus_config_last_reload_successful"),
            (target + "rules:VerifyDelay", "00:00:02"), (target + "rules:VerifyTimeout", "00:00:10"),
            // The same file, verified by a check that the new rules cannot pass: a group named "required" must be loaded.
            (target + "strict:Path", prometheus.RulesFile), (target + "strict:Format", "yaml"),
            (target + "strict:Validate", "promtool check rules {file}"), (target + "strict:Reload", prometheus.Url + "/-/reload"),
            (target + "strict:Verify", "count(prometheus_rule_group_rules{rule_group=~\".*;required\"}) or vector(0)"),
            (target + "strict:VerifyDelay", "00:00:02"), (target + "strict:VerifyTimeout", "00:00:04"));
        IOpsClient client = ops.Client(timeout: TimeSpan.FromSeconds(30));
        var original = await File.ReadAllBytesAsync(prometheus.RulesFile);
        Assert.Contains("CheckoutErrorRate", await RuleNamesAsync(prometheus));

        // A new rules file: diff, push over the revision shown, the new rule loaded by Prometheus.
        var plan = await client.PlanConfigAsync("rules", Rules("NewRule"), Caller);
        Assert.Null(plan.Refusal);
        Assert.Contains("+      - alert: NewRule", plan.Diff);
        Assert.Contains("-      - alert: CheckoutErrorRate", plan.Diff);
        var pushed = await client.PushConfigAsync(new ConfigPushOrder("rules", null, plan.CandidateRevision, plan.CurrentRevision, "U0ALICE", "U0BOB"), Caller);
        Assert.Equal("applied", pushed.Outcome);
        Assert.Contains("verify: prometheus_config_last_reload_successful = 1", pushed.Output);
        await WaitForRulesAsync(prometheus, names => names.SequenceEqual(["NewRule"]));

        // promtool refuses: its output comes back, nothing is written, Prometheus keeps its rules.
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Rules("Broken")).Replace("vector(1)", "sum(rate(x[5m])"));
        var refusedPlan = await client.PlanConfigAsync("rules", broken, Caller);
        Assert.StartsWith("the validator `promtool` refused it (exit 1)", refusedPlan.Refusal);
        Assert.Contains(refusedPlan.Output, l => l.Contains("unclosed left parenthesis"));
        var refused = await client.PushConfigAsync(new ConfigPushOrder("rules", broken, "", pushed.Revision, "U0ALICE", "U0BOB"), Caller);
        Assert.Equal("refused", refused.Outcome);
        Assert.Equal(Rules("NewRule"), await File.ReadAllBytesAsync(prometheus.RulesFile));
        Assert.Equal(["NewRule"], await RuleNamesAsync(prometheus));

        // Valid, reloaded, but the verification stays 0: the previous revision is put back, reloaded, and said so.
        var strict = await client.PushConfigAsync(new ConfigPushOrder("strict", Rules("NewRule", "Other"), "", pushed.Revision, "U0ALICE", "U0BOB"), Caller);
        Assert.Equal("restored", strict.Outcome);
        Assert.Contains(strict.Output, l => l.StartsWith("verify: count(prometheus_rule_group_rules") && l.Contains("did not become 1 within 4 s (last: 0)"));
        Assert.Contains("restored: the previous revision is back and reloaded", strict.Output);
        Assert.Equal(Rules("NewRule"), await File.ReadAllBytesAsync(prometheus.RulesFile));
        await WaitForRulesAsync(prometheus, names => names.SequenceEqual(["NewRule"]));

        // Two pushes over the same revision: one wins, the other is told the file changed under it.
        var racing = await Task.WhenAll(
            client.PushConfigAsync(new ConfigPushOrder("rules", Rules("NewRule", "Left"), "", pushed.Revision, "U0ALICE", "U0BOB"), Caller),
            client.PushConfigAsync(new ConfigPushOrder("rules", Rules("NewRule", "Right"), "", pushed.Revision, "U0CAROL", "U0DAN"), Caller));
        var winner = Assert.Single(racing, r => r.Outcome == "applied");
        var loser = Assert.Single(racing, r => r.Outcome == "refused");
        Assert.Contains($"it was revision {pushed.Revision}, it is now {winner.Revision}", loser.Refusal);
        var won = winner == racing[0] ? "Left" : "Right";
        await WaitForRulesAsync(prometheus, names => names.SequenceEqual(["NewRule", won]));

        // Rollback twice: the rules before the race, then the original ones, back in Prometheus.
        Assert.Equal("applied", (await client.RollbackConfigAsync(new ConfigRollbackOrder("rules", null, null, "U0ALICE", "U0BOB"), false, Caller)).Outcome);
        await WaitForRulesAsync(prometheus, names => names.SequenceEqual(["NewRule"]));
        var back = await client.RollbackConfigAsync(new ConfigRollbackOrder("rules", plan.CurrentRevision, null, "U0ALICE", "U0BOB"), false, Caller);
        Assert.Equal(("applied", plan.CurrentRevision), (back.Outcome, back.Revision));
        Assert.Equal(original, await File.ReadAllBytesAsync(prometheus.RulesFile));
        await WaitForRulesAsync(prometheus, names => names.Contains("CheckoutErrorRate") && !names.Contains("NewRule"));

        var changes = (await client.ConfigHistoryAsync("rules", 10, Caller)).Changes;
        Assert.Equal(["rollback", "rollback", "push", "push"], changes.Select(c => c.Action));
        Assert.Equal(won == "Left" ? "U0BOB" : "U0DAN", changes[2].ConfirmedBy);
        Assert.Equal("there is no config target 'nope'; targets: jaeger-sampling, rules, strict", (await client.GetConfigAsync("nope", Caller)).Refusal);
    }
}
