using ChatOps.OpsService.Deploy;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.OpsService.Deploy;

public sealed class DeploymentsTests : IAsyncDisposable
{
    private readonly string _folder = DeployScripts.Folder();
    private readonly List<Deployments> _opened = [];

    private string HistoryFile => Path.Combine(_folder, "history.jsonl");
    private string Ran => Path.Combine(_folder, "ran");

    private Deployments Open(string body = "echo \"deploying $1 $2\" >> RAN; echo done", IVersionProbe? probe = null, TimeSpan? verifyFor = null)
    {
        var script = DeployScripts.Write(_folder, "deploy.sh", body.Replace("RAN", Ran));
        var options = new DeployOptions { HistoryFile = HistoryFile, VerifyPoll = TimeSpan.FromMilliseconds(50) };
        options.Services["demo"] = DeployScripts.Service(script);
        if (verifyFor is { } window) options.Services["demo"].VerifyFor = window;
        var deployments = new Deployments(options, new DeploymentHistory(HistoryFile, NullLogger<DeploymentHistory>.Instance),
            new ActionRunner(NullLogger<ActionRunner>.Instance), TimeProvider.System, NullLogger<Deployments>.Instance, probe);
        _opened.Add(deployments);
        return deployments;
    }

    private static DeployRequest Ask(string version, string service = "demo") => new(service, version, "U1", "U2", "0af7651916cd43dd8448eb211c80319c");

    private static async Task<DeploymentRecord> Finished(Deployments deployments, string id)
    {
        for (var i = 0; i < 300; i++)
        {
            if (deployments.Status(id) is { Done: true } done) return done;
            await Task.Delay(50);
        }
        throw new TimeoutException($"deployment {id} did not finish");
    }

    /// <summary>A version query answering from a list the test changes.</summary>
    private sealed class ListProbe(params string[] versions) : IVersionProbe
    {
        public string[] Versions { get; set; } = versions;

        public string Source => "Prometheus";

        public Task<IReadOnlyList<string>?> VersionsAsync(string service, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>?>(Versions);
    }

    private async Task<DeploymentRecord> Checked(Deployments deployments, string id)
    {
        for (var i = 0; i < 300; i++)
        {
            if (deployments.Status(id) is { Done: true } done && done.Verification != Verification.Checking) return done;
            await Task.Delay(50);
        }
        throw new TimeoutException($"deployment {id} was not checked");
    }

    [Fact]
    public async Task ASucceededDeployment_IsVerifiedOnceEverySeriesReportsIt_AndNotVerifiedWithWhatWasSeenOtherwise()
    {
        var probe = new ListProbe("1.4.0", "1.4.0", "1.5.0");
        var deployments = Open(probe: probe, verifyFor: TimeSpan.FromSeconds(20));
        var start = deployments.Start(Ask("1.5.0"));
        var running = await Finished(deployments, start.Deployment!.Id);
        Assert.Equal((DeploymentState.Succeeded, Verification.Checking), (running.State, running.Verification));
        probe.Versions = ["1.5.0", "1.5.0", "1.5.0"];
        var verified = await Checked(deployments, start.Deployment.Id);
        Assert.Equal((Verification.Verified, "Prometheus reports 1.5.0 on 3/3 series"), (verified.Verification, verified.VerificationNote));

        var stuck = Open(probe: new ListProbe("1.5.0", "1.4.0"), verifyFor: TimeSpan.FromMilliseconds(300));
        var second = await Checked(stuck, stuck.Start(Ask("1.6.0")).Deployment!.Id);
        Assert.Equal(DeploymentState.Succeeded, second.State);
        Assert.Equal(Verification.NotVerified, second.Verification);
        Assert.Equal("after 300 ms Prometheus reports 1.4.0 on 1/2 series, 1.5.0 on 1/2 series", second.VerificationNote);
        // The history keeps the outcome: read back after a restart.
        Assert.Equal(Verification.NotVerified, Open().Status(second.Id)!.Verification);
    }

    [Fact]
    public async Task Deploy_GetsAnIdAtOnce_AndRunsTheActionWithServiceAndVersion()
    {
        var deployments = Open();
        var start = deployments.Start(Ask("1.5.0"));
        Assert.NotNull(start.Deployment);
        Assert.Equal(DeploymentState.Running, start.Deployment.State);
        var done = await Finished(deployments, start.Deployment.Id);
        Assert.Equal(DeploymentState.Succeeded, done.State);
        Assert.Equal(["deploying demo 1.5.0"], File.ReadAllLines(Ran));
        Assert.Contains("done", done.Output);
    }

    [Theory]
    [InlineData("1.5.0;reboot")]
    [InlineData("$(id)")]
    [InlineData("1.0 && rm -rf /")]
    [InlineData("`id`")]
    [InlineData("-rf")]
    [InlineData("")]
    public void Deploy_VersionOutsideThePattern_IsRefusedAndNothingRuns(string version)
    {
        var start = Open().Start(Ask(version));
        Assert.Null(start.Deployment);
        Assert.Contains("is not a version demo accepts", start.Refusal);
        Assert.False(File.Exists(Ran));
        Assert.False(File.Exists(HistoryFile));
    }

    [Fact]
    public void Deploy_UnknownService_IsRefusedNamingTheKnownOnes()
    {
        var start = Open().Start(Ask("1.0.0", "billing"));
        Assert.Equal("'billing' is not a service I can deploy (known: demo)", start.Refusal);
        Assert.False(File.Exists(Ran));
    }

    [Fact]
    public async Task SecondDeploy_WhileOneRuns_IsRefusedNamingWhoStartedItAndWhen()
    {
        var gate = Path.Combine(_folder, "gate");
        var deployments = Open($"echo \"deploying $1 $2\" >> RAN; while [ ! -e {gate} ]; do sleep 0.05; done");
        var first = deployments.Start(Ask("1.5.0")).Deployment!;
        var second = deployments.Start(Ask("1.6.0") with { RequestedBy = "U9" });
        Assert.Null(second.Deployment);
        Assert.Contains($"demo is being deployed already: 1.5.0, started by U1 at {first.StartedAt:yyyy-MM-dd HH:mm:ss} UTC", second.Refusal);
        File.WriteAllText(gate, "");
        await Finished(deployments, first.Id);
        Assert.NotNull(deployments.Start(Ask("1.6.0")).Deployment);
    }

    [Fact]
    public async Task History_SurvivesARestart_NewestFirst()
    {
        var deployments = Open();
        var a = deployments.Start(Ask("1.4.0")).Deployment!;
        await Finished(deployments, a.Id);
        var b = deployments.Start(Ask("1.5.0")).Deployment!;
        await Finished(deployments, b.Id);

        var reopened = Open();
        var list = reopened.List("demo", 10);
        Assert.Equal(["1.5.0", "1.4.0"], list.Select(d => d.Version));
        Assert.All(list, d => Assert.Equal(DeploymentState.Succeeded, d.State));
        Assert.Equal("1.4.0", list[0].PreviousVersion);
        Assert.Equal(("1.4.0", (string?)null), reopened.RollbackTarget("demo"));
    }

    [Fact]
    public async Task ARunningDeployment_FoundAfterARestart_IsInterrupted()
    {
        var deployments = Open("sleep 300");
        var running = deployments.Start(Ask("1.5.0")).Deployment!;
        await deployments.DisposeAsync();
        var reopened = Open();
        Assert.Equal(DeploymentState.Interrupted, reopened.Status(running.Id)!.State);
    }

    [Fact]
    public async Task RollbackTarget_SkipsFailuresAndTheCurrentVersion()
    {
        var deployments = Open("[ \"$2\" = 1.6.0 ] && exit 1; echo ok");
        foreach (var v in new[] { "1.4.0", "1.5.0", "1.6.0" }) await Finished(deployments, deployments.Start(Ask(v)).Deployment!.Id);
        Assert.Equal("1.4.0", deployments.RollbackTarget("demo").Version);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0.9.0", "0.9.0")]
    public async Task RollbackTarget_AfterARollback_IsNeverTheVersionRolledAwayFrom(string? runningBefore, string? expected)
    {
        var deployments = Open();
        await Finished(deployments, deployments.Start(Ask("1.0.0") with { RunningVersion = runningBefore }).Deployment!.Id);
        await Finished(deployments, deployments.Start(Ask("2.0.0")).Deployment!.Id);
        Assert.Equal("1.0.0", deployments.RollbackTarget("demo").Version);
        await Finished(deployments, deployments.Start(Ask("1.0.0") with { Rollback = true }).Deployment!.Id);

        var (target, refusal) = deployments.RollbackTarget("demo");
        Assert.Equal(expected, target);
        if (expected is null) Assert.Equal("no version of demo deployed successfully before 1.0.0", refusal);
        // A new deployment after the rollback goes on from there.
        await Finished(deployments, deployments.Start(Ask("3.0.0")).Deployment!.Id);
        Assert.Equal("1.0.0", deployments.RollbackTarget("demo").Version);
    }

    [Fact]
    public async Task RollbackTarget_WithOnlyOneGoodVersion_IsRefusedWithAReason()
    {
        var deployments = Open();
        Assert.Equal("demo has no successful deployment in the history", deployments.RollbackTarget("demo").Refusal);
        await Finished(deployments, deployments.Start(Ask("1.4.0")).Deployment!.Id);
        Assert.Equal("no version of demo deployed successfully before 1.4.0", deployments.RollbackTarget("demo").Refusal);
    }

    [Fact]
    public void Settings_NameEachBadKey()
    {
        var options = new DeployOptions { HistoryFile = "/no/such/folder/h.jsonl" };
        options.Services["demo"] = new DeployServiceOptions { Arguments = "'open", VersionPattern = "[a-z]+", Timeout = TimeSpan.Zero };
        var problems = DeploySettings.Problems(options);
        Assert.Contains(problems, p => p.StartsWith("OpsService__Deploy__HistoryFile names a folder"));
        Assert.Contains(problems, p => p.StartsWith("OpsService__Deploy__Services__demo__Command is missing"));
        Assert.Contains(problems, p => p.StartsWith("OpsService__Deploy__Services__demo__Arguments"));
        Assert.Contains(problems, p => p.StartsWith("OpsService__Deploy__Services__demo__VersionPattern must be anchored"));
        Assert.Contains(problems, p => p.StartsWith("OpsService__Deploy__Services__demo__Timeout"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _opened) await d.DisposeAsync();
    }
}
