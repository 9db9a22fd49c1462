using System.Text.RegularExpressions;

namespace ChatOps.Tests.Deployment;

/// <summary>The README's quick start is what CI runs: `.ci/run` calls scripts/test, which runs
/// `scripts/stack check`, and the transcript in docs/running-locally.md is of that command.</summary>
public sealed class QuickStartTests
{
    [Fact]
    public void TheQuickStartCommands_AreTheOnesCiRuns()
    {
        var readme = DeploymentFiles.Text("README.md").ReplaceLineEndings("\n");
        var quickStart = readme[readme.IndexOf("## Quick start", StringComparison.Ordinal)..readme.IndexOf("## Architecture", StringComparison.Ordinal)];

        Assert.Contains("\nscripts/test ", quickStart);
        Assert.Contains("\nscripts/stack ", quickStart);
        Assert.Contains("\nscripts/stack check ", quickStart);
        Assert.Contains("exec scripts/test", DeploymentFiles.Text(".ci", "run"));
        Assert.Contains("scripts/stack check", DeploymentFiles.Text("scripts", "test"));
        Assert.Contains("  check)", DeploymentFiles.Text("scripts", "stack"));
    }

    [Fact]
    public void TheCheckTranscript_AsksWhatCheckAsks_InItsOrder()
    {
        var page = DeploymentFiles.Text("docs", "running-locally.md").ReplaceLineEndings("\n");
        var start = page.IndexOf("\n$ scripts/stack check\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/running-locally.md shows no `scripts/stack check` transcript");
        var transcript = page[start..page.IndexOf("\n```", start, StringComparison.Ordinal)];

        var asked = Regex.Matches(transcript, "\\$ scripts/stack ask \"([^\"]+)\"").Select(m => m.Groups[1].Value);

        // First the reads, then the demo deployment and its rollback.
        Assert.Equal(["alerts", "deployed version", "graph scrapes",
            "deploy demo 1.5.0", "deployed version demo", "rollback demo", "deployed version demo", "deployments demo"], asked.ToArray());
        var stack = DeploymentFiles.Text("scripts", "stack");
        Assert.Contains("for command in \"alerts\" \"deployed version\" \"graph scrapes\"; do", stack);
        Assert.Contains("for command in \"deploy demo $target\" \"deployed version demo\" \"rollback demo\" \"deployed version demo\" \"deployments demo\"; do", stack);
    }
}
