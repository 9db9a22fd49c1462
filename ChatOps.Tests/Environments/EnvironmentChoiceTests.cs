using ChatOps.Core.Environments;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;

namespace ChatOps.Tests.Environments;

/// <summary>Which environment a command line runs against: env=, else the channel's default, else (a DM) the default.</summary>
public sealed class EnvironmentChoiceTests
{
    private static readonly EnvironmentCatalog Catalog = new(
    [
        new BotEnvironment("prod", "production", new OpsOptions { Endpoint = "http://prod:1" }, ["C0PROD"]),
        new BotEnvironment("staging", "staging", new OpsOptions { Endpoint = "http://staging:1" }, ["C0STAGE", "C0QA"]),
    ], "prod");

    [Theory]
    [InlineData("deployed version", "C0STAGE", "staging", "deployed version")]
    [InlineData("deployed version", "C0QA", "staging", "deployed version")]
    [InlineData("deployed version", "C0PROD", "prod", "deployed version")]
    [InlineData("deployed version", "C0OTHER", "prod", "deployed version")]
    [InlineData("deployed version", "D0DIRECT", "prod", "deployed version")]
    [InlineData("deployed version env=staging", "C0PROD", "staging", "deployed version")]
    [InlineData("deploy demo 1.6.0 env=staging", "D0DIRECT", "staging", "deploy demo 1.6.0")]
    [InlineData("env=PROD list traces service=demo", "C0STAGE", "prod", "list traces service=demo")]
    [InlineData("deploy demo env=staging 1.6.0", "C0PROD", "staging", "deploy demo  1.6.0")]
    public void TheChannelsDefault_OrEnvEquals_ChoosesTheEnvironment_AndEnvEqualsNeverReachesTheCommand(string line, string channel, string expected, string rest)
    {
        var choice = EnvironmentChoice.For(Catalog, line, channel);

        Assert.Null(choice.Mistake);
        Assert.Equal(expected, choice.Environment!.Name);
        Assert.Equal(rest, choice.Text);
    }

    [Theory]
    [InlineData("graph query=\"up{env=\\\"prod\\\"}\"")]
    [InlineData("graph query=up{env=staging}")]
    [InlineData("silence alertname=x,env=\"staging\" for 1h")]
    public void EnvEqualsInsideAnArgument_StaysWithTheArgument(string line)
    {
        var choice = EnvironmentChoice.For(Catalog, line, "C0PROD");

        Assert.Equal(("prod", line), (choice.Environment!.Name, choice.Text));
    }

    [Fact]
    public void AnUnknownEnvironment_IsRefused_WithTheKnownOnes_AndADidYouMean()
    {
        var choice = EnvironmentChoice.For(Catalog, "deployed version env=stagin", "C0PROD");

        Assert.Null(choice.Environment);
        Assert.Equal("I don't know the environment `stagin`. Did you mean `env=staging`? Known environments: `prod`, `staging`.", choice.Mistake!.Text);
    }

    [Fact]
    public void AFarOffName_GetsTheListWithoutAGuess()
    {
        var choice = EnvironmentChoice.For(Catalog, "deployed version env=<!channel>x", "C0PROD");

        // Not a name at all: the word stays with the command, which runs in the channel's environment.
        Assert.Equal("prod", choice.Environment!.Name);
        var far = EnvironmentChoice.For(Catalog, "deployed version env=kubernetes", "C0PROD");
        Assert.Equal("I don't know the environment `kubernetes`. Known environments: `prod`, `staging`.", far.Mistake!.Text);
    }

    [Fact]
    public void TwoEnvironmentsInOneLine_AreRefused()
    {
        var choice = EnvironmentChoice.For(Catalog, "deploy demo 1.6.0 env=staging env=prod", "C0PROD");

        Assert.Null(choice.Environment);
        Assert.Contains("more than once", choice.Mistake!.Text);
    }

    [Fact]
    public void TheRecordedEnvironment_WinsOverTheChannelMapping()
    {
        // Stamped at the ack for C0PROD's old mapping; redelivered after the channel moved to staging.
        var choice = EnvironmentChoice.For(Catalog, "deployed version", "C0STAGE", recorded: "prod");

        Assert.Equal("prod", choice.Environment!.Name);
    }

    [Fact]
    public void ARecordedEnvironmentNoLongerConfigured_IsRefused_NotRunElsewhere()
    {
        var choice = EnvironmentChoice.For(Catalog, "deployed version", "C0STAGE", recorded: "qa");

        Assert.Null(choice.Environment);
        Assert.StartsWith("I don't know the environment `qa`.", choice.Mistake!.Text);
    }

    [Fact]
    public void TheMarker_NamesTheEnvironment_InTheBlocksAndTheText_Once()
    {
        var reply = ChatReply.Plain("Deployed version: `1.5.0`");

        var marked = EnvironmentMarker.Mark(EnvironmentMarker.Mark(reply, "production"), "production");

        Assert.Equal("[production] Deployed version: `1.5.0`", marked.Text);
        Assert.Equal(["Environment: *production*"], Assert.IsType<ContextBlock>(marked.Blocks[0]).Elements);
        Assert.Equal(2, marked.Blocks.Count);
    }

    [Fact]
    public void TheMarker_KeepsAFullReplyWithinSlacksBlockLimit()
    {
        var full = new ChatReply("many", Enumerable.Range(0, BlockKitLimits.MaxBlocks).Select(i => (Block)new SectionBlock($"{i}")).ToList());

        var marked = EnvironmentMarker.Mark(full, "staging");

        Assert.Equal(BlockKitLimits.MaxBlocks, marked.Blocks.Count);
        Assert.IsType<ContextBlock>(marked.Blocks[0]);
    }

    [Fact]
    public void TheOpsCallMetadata_NamesTheEnvironment()
    {
        var metadata = CallMetadata.For(new OpsCaller("U0ALICE", "C0STAGE", "deploy") { Environment = "staging" });

        Assert.Equal("staging", metadata.Get("x-chatops-environment")!.Value);
        Assert.Null(CallMetadata.For(new OpsCaller("U0ALICE", "C0STAGE", "deploy")).Get("x-chatops-environment"));
    }
}
