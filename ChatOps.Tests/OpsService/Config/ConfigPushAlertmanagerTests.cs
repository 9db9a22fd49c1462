using System.Text;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService.Config;

/// <summary>Debian's Alertmanager and amtool, the real Ops service and the bot's gRPC client: Alertmanager's configuration
/// pushed, refused by amtool, restored after a reload Alertmanager refuses, and rolled back, each seen in the
/// configuration Alertmanager itself reports (/api/v2/status).</summary>
public sealed class ConfigPushAlertmanagerTests
{
    private static readonly OpsCaller Caller = new("U0BOB", "C0OPS", "config push alertmanager");

    private static byte[] Routes(string receiver, string routeTo) => Encoding.UTF8.GetBytes($"""
        route:
          receiver: {routeTo}
          group_by: [alertname]
        receivers:
          - name: {receiver}
            webhook_configs:
              - url: http://127.0.0.1:9/{receiver}

        """);

    private static Task WaitForLoadedAsync(RealAlertmanager alertmanager, Func<string, bool> condition) =>
        alertmanager.WaitUntilAsync("/api/v2/status", root => root?["config"]?["original"]?.GetValue<string>() is { } loaded && condition(loaded),
            TimeSpan.FromSeconds(15));

    [Fact]
    public async Task AlertmanagerConfig_IsCheckedByAmtool_ReloadedForReal_RestoredWhenTheReloadFails_AndRolledBack()
    {
        await using var alertmanager = await RealAlertmanager.StartAsync("http://127.0.0.1:9/hook", "token");
        var history = Directory.CreateTempSubdirectory("config-history-").FullName;
        const string target = "OpsService:Config:Targets:";
        await using var ops = await OpsServiceHost.StartAsync("http://127.0.0.1:9", "http://127.0.0.1:9",
            ("OpsService:Config:HistoryFolder", history),
            (target + "alertmanager:Path", alertmanager.ConfigFile), (target + "alertmanager:Format", "yaml"),
            (target + "alertmanager:Validate", "amtool check-config {file}"), (target + "alertmanager:Reload", alertmanager.Url + "/-/reload"),
            // The same file with no checker, so only Alertmanager's own reload can refuse a bad file.
            (target + "unchecked:Path", alertmanager.ConfigFile), (target + "unchecked:Format", "yaml"),
            (target + "unchecked:Reload", alertmanager.Url + "/-/reload"));
        IOpsClient client = ops.Client(timeout: TimeSpan.FromSeconds(30));
        var original = await File.ReadAllBytesAsync(alertmanager.ConfigFile);
        await WaitForLoadedAsync(alertmanager, loaded => loaded.Contains("name: chatops"));

        // A new receiver: amtool passes it, the diff shows it, Alertmanager loads it on the reload.
        var plan = await client.PlanConfigAsync("alertmanager", Routes("oncall", "oncall"), Caller);
        Assert.Null(plan.Refusal);
        Assert.Contains(plan.Output, l => l.Contains("SUCCESS"));
        Assert.Contains("+  - name: oncall", plan.Diff);
        var pushed = await client.PushConfigAsync(new ConfigPushOrder("alertmanager", null, plan.CandidateRevision, plan.CurrentRevision, "U0ALICE", "U0BOB"), Caller);
        Assert.Equal("applied", pushed.Outcome);
        await WaitForLoadedAsync(alertmanager, loaded => loaded.Contains("name: oncall") && !loaded.Contains("name: chatops"));

        // A route to a receiver that does not exist: amtool's words come back, nothing is written.
        var refused = await client.PlanConfigAsync("alertmanager", Routes("oncall", "nobody"), Caller);
        Assert.StartsWith("the validator `amtool` refused it (exit 1)", refused.Refusal);
        Assert.Contains(refused.Output, l => l.Contains("undefined receiver \"nobody\" used in route"));
        Assert.Equal(Routes("oncall", "oncall"), await File.ReadAllBytesAsync(alertmanager.ConfigFile));

        // Unchecked, the same file reaches Alertmanager, whose reload refuses it: the previous revision is written back.
        var restored = await client.PushConfigAsync(new ConfigPushOrder("unchecked", Routes("oncall", "nobody"), "", pushed.Revision, "U0ALICE", "U0BOB"), Caller);
        Assert.Equal("restored", restored.Outcome);
        Assert.Contains(restored.Output, l => l.Contains("undefined receiver"));
        Assert.Contains("restored: the previous revision is back and reloaded", restored.Output);
        Assert.Equal(Routes("oncall", "oncall"), await File.ReadAllBytesAsync(alertmanager.ConfigFile));
        await WaitForLoadedAsync(alertmanager, loaded => loaded.Contains("name: oncall"));

        // Rollback: the original configuration is back in Alertmanager.
        var back = await client.RollbackConfigAsync(new ConfigRollbackOrder("alertmanager", null, null, "U0ALICE", "U0BOB"), false, Caller);
        Assert.Equal("applied", back.Outcome);
        Assert.Equal(original, await File.ReadAllBytesAsync(alertmanager.ConfigFile));
        await WaitForLoadedAsync(alertmanager, loaded => loaded.Contains("name: chatops") && !loaded.Contains("name: oncall"));
    }
}
