using ChatOps.Core.Commands.Config;

namespace ChatOps.Tests.Commands.Config;

public sealed class ConfigRepliesTests
{
    [Fact]
    public void ASmallDiff_IsShownWhole_WithItsCounts()
    {
        var shown = ConfigReplies.Diff("--- r (current)\n+++ r (new)\n@@ -1 +1 @@\n-a: 1\n+a: 2\n");
        Assert.Equal("1 line added, 1 removed:\n```\n--- r (current)\n+++ r (new)\n@@ -1 +1 @@\n-a: 1\n+a: 2\n```", shown);
    }

    [Fact]
    public void ADiffTooLargeToShow_IsSummarised_WithItsFirstLines()
    {
        var diff = "--- r (current)\n+++ r (new)\n@@ -0,0 +1,400 @@\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"+      - alert: Rule{i}\n"));
        var shown = ConfigReplies.Diff(diff);
        Assert.StartsWith("400 lines added, 0 removed; the whole diff, ", shown);
        Assert.Contains(" lines, is in the thread. Its first ", shown);
        Assert.True(shown.Length < 3000, $"{shown.Length} characters do not fit one section");
        Assert.DoesNotContain("Rule399", shown);
    }

    [Fact]
    public void MarkupInADiff_IsEscaped_AndCannotCloseTheCodeBlock()
    {
        var shown = ConfigReplies.Diff("+summary: <!channel> ```\n");
        Assert.Contains("+summary: &lt;!channel&gt; '''", shown);
        Assert.DoesNotContain("<!channel>", shown);
    }
}
