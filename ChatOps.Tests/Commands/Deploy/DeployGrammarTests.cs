using ChatOps.Core.Commands.Deploy;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Commands.Deploy;

public sealed class DeployGrammarTests
{
    private readonly DeployCommand _deploy = new(new FakeOpsClient());
    private readonly RollbackCommand _rollback = new(new FakeOpsClient());
    private readonly DeploymentsCommand _list = new(new FakeOpsClient());

    [Fact]
    public void Deploy_TakesAServiceAndAVersion() => Assert.Equal(new DeployArgs("demo", "1.5.0"), _deploy.Parse(" demo  1.5.0 ").Value);

    [Theory]
    [InlineData("", "Deploy what?")]
    [InlineData("demo", "Deploy what?")]
    [InlineData("demo 1.0 && rm -rf /", "takes a service and a version")]
    [InlineData("de;mo 1.0", "A service name is letters")]
    public void Deploy_Mistakes_SayWhatWasExpected(string arguments, string expected) =>
        Assert.Contains(expected, _deploy.Parse(arguments).Error);

    [Theory]
    [InlineData("", "Roll back which service?")]
    [InlineData("demo 1.4.0", "takes one service")]
    public void Rollback_Mistakes_SayWhatWasExpected(string arguments, string expected) =>
        Assert.Contains(expected, _rollback.Parse(arguments).Error);

    [Theory]
    [InlineData("", null, 10)]
    [InlineData("demo", "demo", 10)]
    [InlineData("demo limit=3", "demo", 3)]
    [InlineData("limit=50", null, 50)]
    public void Deployments_TakesAnOptionalServiceAndLimit(string arguments, string? service, int limit) =>
        Assert.Equal(new DeploymentsQuery(service, limit), _list.Parse(arguments).Value);

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=51")]
    [InlineData("limit=x")]
    [InlineData("a b")]
    [InlineData("lmit=3")]
    public void Deployments_Mistakes_AreRefused(string arguments) => Assert.NotNull(_list.Parse(arguments).Error);

    [Fact]
    public void FailedDeployment_ShowsExitStatusAndLastLines_Escaped()
    {
        var d = new DeploymentInfo("dep-1", "demo", "1.5.0", "1.4.0", false, "U0ALICE", "U0BOB", DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddSeconds(12), DeploymentState.Failed, 3, ["pulling", "error: <!channel> ```not found"]);
        var reply = DeploymentReplies.Progress(d);
        Assert.Contains(":x: Deployment of `demo` `1.4.0` → `1.5.0` failed (exit status 3) after 12 s.", reply.Text);
        var tail = Assert.IsType<ChatOps.Core.Replies.SectionBlock>(reply.Blocks[1]).Mrkdwn;
        Assert.Equal("Last lines:\n```pulling\nerror: &lt;!channel&gt; '''not found```", tail);
    }
}
