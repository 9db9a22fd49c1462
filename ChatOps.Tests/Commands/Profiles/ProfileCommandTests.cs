using ChatOps.Core.Commands.Profiles;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Tests.Commands.Profiles;

/// <summary>The profile command's grammar and what its replies show, without any seam.</summary>
public sealed class ProfileCommandTests
{
    [Theory]
    [InlineData("checkout", "cpu", 30)]
    [InlineData("checkout cpu", "cpu", 30)]
    [InlineData("checkout cpu for 5s", "cpu", 5)]
    [InlineData("checkout CPU for 1m30s", "cpu", 90)]
    [InlineData("checkout heap", "heap", 0)]
    [InlineData("checkout goroutine", "goroutine", 0)]
    [InlineData("api-2.eu block", "block", 0)]
    public void Parse_Accepts(string text, string kind, int seconds) =>
        Assert.Equal(new ProfileArgs(text.Split(' ')[0], kind, seconds), ProfileArgs.Parse(text).Value);

    [Theory]
    [InlineData("", "Profile which service?")]
    [InlineData("checkout threads", "`threads` is not a profile kind")]
    [InlineData("checkout heap for 30s", "A heap profile is a snapshot")]
    [InlineData("checkout cpu for soon", "`soon` is not a duration")]
    [InlineData("checkout cpu for 1.5s", "a whole number of seconds")]
    [InlineData("checkout cpu for 2h", "far too long")]
    [InlineData("checkout cpu 30s", "After `cpu` comes only `for <duration>`")]
    [InlineData("<!channel> heap", "is not a service name")]
    public void Parse_RefusesWithTheReason(string text, string reason) => Assert.Contains(reason, ProfileArgs.Parse(text).Error);

    [Fact]
    public void Finished_PostsTheFlameGraphAndTheRawProfile_WithTheTopTableEscaped_FlatAndCumulativeWithPercentages()
    {
        var profile = new ProfileInfo("p1", "checkout", "cpu", 5, "U0ALICE", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, null)
        {
            Raw = [0x1f, 0x8b], SampleType = "cpu", Unit = "nanoseconds", Total = 400_000_000, SampleCount = 40,
            Top = [new("main.<hot>", 100_000_000, 300_000_000), new("a```b", 0, 400_000_000)],
        };

        var reply = ProfileReplies.Finished(profile, [1, 2, 3]);

        Assert.Equal(["checkout-cpu-flame.png", "checkout-cpu.pb.gz"], reply.Files.Select(f => f.FileName));
        Assert.Equal([0x1f, 0x8b], reply.Files[1].Content);
        Assert.Contains("400 ms of cpu in 40 samples", reply.Text);
        Assert.DoesNotContain("main.", reply.Text);
    }

    [Fact]
    public void TopFunctions_IsATableBlock_FlatAndCumulativeWithPercentages_WithTheSameTableMonospacedAsItsText()
    {
        var profile = new ProfileInfo("p1", "checkout", "cpu", 5, "U0ALICE", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, null)
        {
            Raw = [0x1f, 0x8b], SampleType = "cpu", Unit = "nanoseconds", Total = 400_000_000, SampleCount = 40,
            Top = [new("main.<hot>", 100_000_000, 300_000_000), new("a```b", 0, 400_000_000)],
        };

        var reply = ProfileReplies.TopFunctions(profile);

        var table = Assert.Single(reply.Blocks.OfType<TableBlock>());
        Assert.Equal(["flat", "flat%", "cum", "cum%", "function"], table.Rows[0].Select(c => c.Text));
        Assert.Equal(["100 ms", "25.0%", "300 ms", "75.0%", "main.<hot>"], table.Rows[1].Select(c => c.Text));
        Assert.Equal(3, table.Rows.Count);
        Assert.Contains("\"type\":\"table\"", BlockKitJson.ToPayload(reply).ToJsonString());
        Assert.Contains("100 ms   25.0%  300 ms   75.0%  main.&lt;hot&gt;", reply.Text);
        Assert.Contains("0 ns    0.0%  400 ms  100.0%  a'''b", reply.Text);
        Assert.StartsWith("*Top 2 functions* of the cpu profile of `checkout`", reply.Text);
    }

    [Fact]
    public void Failure_FromTheOpsService_IsEscaped() =>
        Assert.Equal(":warning: No heap profile of `x`: &lt;!here&gt; said no.",
            ProfileReplies.Failed(new ProfileInfo("p", "x", "heap", 0, "U", default, default, true, "<!here> said no")).Text);
}
