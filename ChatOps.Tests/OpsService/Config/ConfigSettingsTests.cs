using ChatOps.OpsService.Config;

namespace ChatOps.Tests.OpsService.Config;

public sealed class ConfigSettingsTests
{
    private static IReadOnlyList<string> Problems(Action<ConfigTargetOptions> configure, string name = "rules")
    {
        var target = new ConfigTargetOptions { Path = Path.Combine(Path.GetTempPath(), "rules.yml") };
        configure(target);
        var options = new ConfigOptions { HistoryFolder = Path.Combine(Path.GetTempPath(), "config-history") };
        options.Targets[name] = target;
        return ConfigSettings.Problems(options);
    }

    [Fact]
    public void AWellFormedTarget_HasNoProblems() =>
        Assert.Empty(Problems(t => { t.Validate = "promtool check rules {file}"; t.Reload = "http://127.0.0.1:9090/-/reload"; t.Format = "yaml"; }));

    [Theory]
    [InlineData("Path", "OpsService__Config__Targets__rules__Path is missing")]
    [InlineData("Format", "OpsService__Config__Targets__rules__Format must be yaml, json or text")]
    [InlineData("Validate", "OpsService__Config__Targets__rules__Validate must pass the candidate as {file}")]
    [InlineData("Quote", "OpsService__Config__Targets__rules__Validate has a quote that is never closed")]
    [InlineData("Reload", "OpsService__Config__Targets__rules__Reload is not an absolute http(s) URL")]
    [InlineData("MaxBytes", "OpsService__Config__Targets__rules__MaxBytes must be between 1 and 16777216")]
    [InlineData("Folder", "OpsService__Config__Targets__rules__Path names a folder that does not exist")]
    public void EachBadSetting_IsNamedByItsKey(string what, string problem)
    {
        var problems = Problems(t =>
        {
            switch (what)
            {
                case "Path": t.Path = ""; break;
                case "Format": t.Format = "toml"; break;
                case "Validate": t.Validate = "promtool check rules"; break;
                case "Quote": t.Validate = "promtool 'check {file}"; break;
                case "Reload": t.Reload = "http//127.0.0.1:9090/-/reload"; break;
                case "MaxBytes": t.MaxBytes = 0; break;
                case "Folder": t.Path = "/no/such/folder/rules.yml"; break;
            }
        });
        Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void ATargetNamedLikeTheBuiltInSamplingOne_IsRefused() =>
        Assert.Contains(Problems(_ => { }, "jaeger-sampling"), p => p.Contains("jaeger-sampling is built in"));

    [Fact]
    public void PruningLimitsOutOfRange_AreNamedByTheirKeys()
    {
        var options = new ConfigOptions { HistoryFolder = Path.Combine(Path.GetTempPath(), "config-history"), PlannedKept = 0, PlannedFor = TimeSpan.Zero };
        Assert.Equal(["OpsService__Config__PlannedKept must be between 1 and 10000", "OpsService__Config__PlannedFor must be positive, like 1.00:00:00"],
            ConfigSettings.Problems(options));
    }
}
