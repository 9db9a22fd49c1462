using System.Text.RegularExpressions;
using ChatOps.Core.Replies;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Replies;

/// <summary>The shell shows the emoji Slack would: every `:shortcode:` a reply in Core uses reads as its
/// emoji in `scripts/run ask`, never as the literal text next to real ones.</summary>
public sealed class ShellEmojiTests
{
    public static TheoryData<string> ShortcodesTheRepliesUse()
    {
        var codes = Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "ChatOps.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"(?<![A-Za-z0-9]):[a-z_]+:(?![A-Za-z0-9])").Select(m => m.Value))
            .Distinct()
            .Order(StringComparer.Ordinal);
        return [.. codes];
    }

    [Theory]
    [MemberData(nameof(ShortcodesTheRepliesUse))]
    public void EveryShortcodeTheRepliesUse_ReadsAsAnEmojiInTheShell(string shortcode)
    {
        var shown = PlainTextRenderer.FromMrkdwn($"{shortcode} done");

        Assert.DoesNotContain(shortcode, shown);
        Assert.EndsWith(" done", shown);
    }
}
