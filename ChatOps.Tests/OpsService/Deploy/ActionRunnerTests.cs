using ChatOps.OpsService.Deploy;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.OpsService.Deploy;

public sealed class ActionRunnerTests
{
    private readonly ActionRunner _runner = new(NullLogger<ActionRunner>.Instance);
    private readonly string _folder = DeployScripts.Folder();

    private Task<ActionOutcome> Run(DeployServiceOptions service, params string[] args) =>
        _runner.RunAsync(service, args, new Dictionary<string, string>(), new OutputTail(50));

    [Fact]
    public async Task Action_GetsItsArgumentsAsAVector_NotThroughAShell()
    {
        var marker = Path.Combine(_folder, "pwned");
        var script = DeployScripts.Write(_folder, "echo.sh", "for a in \"$@\"; do echo \"arg=[$a]\"; done");
        var outcome = await Run(DeployScripts.Service(script), "demo", $"1.0; touch {marker}");
        Assert.Equal(DeploymentState.Succeeded, outcome.State);
        Assert.Equal(["arg=[demo]", $"arg=[1.0; touch {marker}]"], outcome.Output);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Action_SeesOnlyTheServicesEnvironment_NotTheOpsServices()
    {
        // A variable of this test process stands for the Ops service's own (its token); no configuration reads this name.
        Environment.SetEnvironmentVariable("CHATOPS_TEST_OPS_SECRET", "secret-token");
        var script = DeployScripts.Write(_folder, "env.sh", "env | sort");
        var service = DeployScripts.Service(script);
        service.Environment["KUBECONFIG"] = "/etc/kube/demo";
        ActionOutcome outcome;
        try
        {
            outcome = await _runner.RunAsync(service, [], new Dictionary<string, string> { ["CHATOPS_VERSION"] = "1.5.0" }, new OutputTail(50));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CHATOPS_TEST_OPS_SECRET", null);
        }
        Assert.Contains("KUBECONFIG=/etc/kube/demo", outcome.Output);
        Assert.Contains("CHATOPS_VERSION=1.5.0", outcome.Output);
        Assert.DoesNotContain(outcome.Output, l => l.Contains("secret-token"));
    }

    [Fact]
    public async Task FailingAction_IsFailedWithItsExitCodeAndLastLines()
    {
        var script = DeployScripts.Write(_folder, "fail.sh", "echo rolling out; echo 'error: image not found' >&2; exit 3");
        var outcome = await Run(DeployScripts.Service(script));
        Assert.Equal(DeploymentState.Failed, outcome.State);
        Assert.Equal(3, outcome.ExitCode);
        Assert.Contains("error: image not found", outcome.Output);
    }

    [Fact]
    public async Task HangingAction_TimesOut_AndItsGrandchildrenAreGone()
    {
        var pids = Path.Combine(_folder, "pids");
        // A child in the background and one in front, both ignoring nothing: the group kill must reach both.
        var script = DeployScripts.Write(_folder, "hang.sh", $"echo waiting for rollout; sleep 300 & echo $! > {pids}; sh -c 'sleep 301' & echo $! >> {pids}; wait");
        var outcome = await Run(DeployScripts.Service(script, "", TimeSpan.FromSeconds(1)));
        Assert.Equal(DeploymentState.TimedOut, outcome.State);
        Assert.Contains("waiting for rollout", outcome.Output);
        var children = File.ReadAllLines(pids).Select(int.Parse).ToList();
        Assert.Equal(2, children.Count);
        for (var i = 0; i < 50 && children.Any(DeployScripts.Running); i++) await Task.Delay(100);
        Assert.DoesNotContain(children, DeployScripts.Running);
    }

    [Fact]
    public async Task TermIgnoringAction_IsKilled()
    {
        var script = DeployScripts.Write(_folder, "stubborn.sh", "trap '' TERM; echo stubborn; while true; do sleep 1; done");
        var outcome = await Run(DeployScripts.Service(script, "", TimeSpan.FromSeconds(1)));
        Assert.Equal(DeploymentState.TimedOut, outcome.State);
        Assert.Contains("stubborn", outcome.Output);
    }

    [Fact]
    public async Task MissingExecutable_IsAFailureThatSaysSo()
    {
        var outcome = await Run(DeployScripts.Service(Path.Combine(_folder, "nope")));
        Assert.Equal(DeploymentState.Failed, outcome.State);
        Assert.NotEqual(0, outcome.ExitCode ?? 1);
    }

    [Fact]
    public void OutputTail_KeepsOnlyTheNewestLines()
    {
        var tail = new OutputTail(3);
        foreach (var i in Enumerable.Range(1, 10)) tail.Add($"line {i}");
        Assert.Equal(["line 8", "line 9", "line 10"], tail.Lines());
    }
}
