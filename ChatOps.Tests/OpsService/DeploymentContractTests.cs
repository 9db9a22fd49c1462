using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.OpsService.Deploy;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>Deploy, Rollback, DeploymentStatus and ListDeployments through the bot's own gRPC client against the real Ops service.</summary>
public sealed class DeploymentContractTests : IAsyncLifetime
{
    private readonly string _folder = DeployScripts.Folder();
    private OpsServiceHost _host = null!;
    private IOpsClient _ops = null!;
    private static readonly OpsCaller Caller = new("U2", "C1", "deploy") { TraceId = "4bf92f3577b34da6a3ce929d0e0e4736" };

    public async Task InitializeAsync()
    {
        var script = DeployScripts.Write(_folder, "deploy.sh", "echo \"switching $1 to $2\"; [ \"$2\" = 9.9.9 ] && { echo 'boom' >&2; exit 4; }; exit 0");
        _host = await OpsServiceHost.StartAsync("http://127.0.0.1:1", "http://127.0.0.1:1",
            ("OpsService:Deploy:HistoryFile", Path.Combine(_folder, "history.jsonl")),
            ("OpsService:Deploy:Services:demo:Command", script),
            ("OpsService:Deploy:Services:demo:Arguments", "{service} {version}"));
        _ops = _host.Client();
    }

    private async Task<DeploymentInfo> Finished(string id)
    {
        for (var i = 0; i < 200; i++)
        {
            var status = await _ops.DeploymentStatusAsync(id, Caller);
            if (status.Done) return status;
            await Task.Delay(50);
        }
        throw new TimeoutException(id);
    }

    [Fact]
    public async Task Deploy_ThenRollback_GoBackToThePreviousGoodVersion_AndTheListShowsWhoAndWhat()
    {
        var first = await _ops.DeployAsync(planOnly: false, order: new DeployOrder("demo", "1.4.0", "U1", "U2"), caller: Caller);
        Assert.Null(first.Refusal);
        Assert.Equal(DeploymentState.Succeeded, (await Finished(first.Deployment!.Id)).State);
        var second = await _ops.DeployAsync(planOnly: false, order: new DeployOrder("demo", "1.5.0", "U1", "U2"), caller: Caller);
        var done = await Finished(second.Deployment!.Id);
        Assert.Equal(("1.4.0", 0), (done.PreviousVersion, done.ExitCode));
        Assert.Contains("switching demo to 1.5.0", done.Output);
        Assert.Equal(Caller.TraceId, done.TraceId);

        Assert.Equal("1.4.0", (await _ops.RollbackAsync(new DeployOrder("demo", null, "U1", "U2"), planOnly: true, Caller)).TargetVersion);
        var rollback = await _ops.RollbackAsync(new DeployOrder("demo", null, "U3", "U2"), planOnly: false, Caller);
        Assert.True((await Finished(rollback.Deployment!.Id)).Rollback);

        var list = await _ops.ListDeploymentsAsync("demo", 10, Caller);
        Assert.Equal(["1.4.0", "1.5.0", "1.4.0"], list.Select(d => d.Version));
        Assert.Equal(["U3", "U1", "U1"], list.Select(d => d.RequestedBy));
        Assert.All(list, d => Assert.Equal("U2", d.ConfirmedBy));
    }

    [Fact]
    public async Task FailingAction_IsReportedWithExitCodeAndLastLines()
    {
        var start = await _ops.DeployAsync(planOnly: false, order: new DeployOrder("demo", "9.9.9", "U1", "U2"), caller: Caller);
        var done = await Finished(start.Deployment!.Id);
        Assert.Equal((DeploymentState.Failed, 4), (done.State, done.ExitCode));
        Assert.Contains("boom", done.Output);
    }

    [Fact]
    public async Task Refusals_ComeBackAsAnswers_WithNothingRun()
    {
        Assert.Contains("is not a service I can deploy", (await _ops.DeployAsync(planOnly: false, order: new DeployOrder("billing", "1.0", "U1", "U2"), caller: Caller)).Refusal);
        Assert.Contains("is not a version demo accepts", (await _ops.DeployAsync(planOnly: false, order: new DeployOrder("demo", "1.0|id", "U1", "U2"), caller: Caller)).Refusal);
        Assert.Contains("has no successful deployment", (await _ops.RollbackAsync(new DeployOrder("demo", null, "U1", "U2"), false, Caller)).Refusal);
        Assert.Empty(await _ops.ListDeploymentsAsync(null, 10, Caller));
    }

    [Fact]
    public async Task StatusOfAnUnknownId_IsNotFound()
    {
        var failure = await Assert.ThrowsAsync<OpsException>(() => _ops.DeploymentStatusAsync("dep-nope", Caller));
        Assert.Equal(Grpc.Core.StatusCode.NotFound, failure.Code);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
