using ChatOps.OpsService.Backends;
using ChatOps.OpsService.Config;
using ChatOps.OpsService.Deploy;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.OpsService.Config;

/// <summary>A rules file in a temporary folder as target "rules" (Debian's promtool as its validator, a fake owner's
/// reload and verification), and the pushes over it.</summary>
internal sealed class ConfigFixture
{
    public const string Rules = """
        groups:
          - name: demo
            rules:
              - alert: HighErrorRate
                expr: vector(1)
        """;

    public ConfigFixture(Action<ConfigTargetOptions>? configure = null, Action<ConfigOptions>? configureAll = null)
    {
        Folder = Directory.CreateTempSubdirectory("config-").FullName;
        File.WriteAllText(RulesFile, Rules + "\n");
        Owner = new FakeOwner(RulesFile);
        var target = new ConfigTargetOptions
        {
            Path = RulesFile, Format = "yaml", Validate = "promtool check rules {file}", Reload = FakeOwner.Base + "/-/reload",
            Verify = "prometheus_config_last_reload_successful", VerifyDelay = TimeSpan.Zero, VerifyTimeout = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(target);
        var options = new ConfigOptions { HistoryFolder = Path.Combine(Folder, "history") };
        configureAll?.Invoke(options);
        options.Targets["rules"] = target;
        Targets = new ConfigTargets(options, Path.Combine(Folder, "sampling.json"));
        var http = new HttpClient(Owner);
        var checks = new ConfigChecks(new ActionRunner(NullLogger<ActionRunner>.Instance), http, new PrometheusClient(http, FakeOwner.Base),
            TimeProvider.System, 40);
        Pushes = new ConfigPushes(Targets, new ConfigHistory(options.HistoryFolder, options.PlannedKept, options.PlannedFor), checks, Locks, TimeProvider.System, NullLogger<ConfigPushes>.Instance);
    }

    public string Folder { get; }
    public ConfigLocks Locks { get; } = new();
    public string RulesFile => Path.Combine(Folder, "rules.yml");
    public FakeOwner Owner { get; }
    public ConfigTargets Targets { get; }
    public ConfigPushes Pushes { get; }
    public ConfigTarget Target => Targets.Find("rules")!;
    public string Current => File.ReadAllText(RulesFile);
    public string CurrentRevision => ConfigRevision.Of(File.ReadAllBytes(RulesFile));

    public static byte[] RulesWith(string alert) => System.Text.Encoding.UTF8.GetBytes(Rules + $"""

              - alert: {alert}
                expr: vector(2)

        """);

    /// <summary>No file of the folder besides the target and the history is left behind (candidates, temporary files).</summary>
    public IEnumerable<string> Leftovers() =>
        Directory.GetFiles(Folder).Select(Path.GetFileName).Where(n => n is not "rules.yml")!;

    public static ConfigRequester Alice => new("U0ALICE", "U0BOB");
}
