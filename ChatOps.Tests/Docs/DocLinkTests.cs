using System.Text.RegularExpressions;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Docs;

/// <summary>Every relative link in README.md and docs/ points at a file of this repository that exists, and a
/// link to a heading (`page.md#heading`) at a heading that page has, so moving or renaming a page cannot
/// leave a reader at a 404.</summary>
public sealed class DocLinkTests
{
    // [text](target) and ![alt](target), outside code spans; the target up to a space or the closing parenthesis.
    private static readonly Regex Link = new(@"!?\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)", RegexOptions.Compiled);

    public static TheoryData<string> Pages() => [.. DocFiles.All()];

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryRelativeLink_PointsAtAFileThatExists(string page)
    {
        var broken = new List<string>();
        foreach (var target in LinksOf(page).Where(IsRelative))
        {
            var (path, anchor) = Split(target);
            var file = path.Length == 0 ? Path.Combine(RepoRoot.Path, page) : Path.GetFullPath(Path.Combine(RepoRoot.Path, Path.GetDirectoryName(page)!, path));
            if (!file.StartsWith(RepoRoot.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal)) broken.Add($"{target} (outside the repository)");
            else if (!File.Exists(file) && !Directory.Exists(file)) broken.Add($"{target} (no such file)");
            else if (anchor.Length > 0 && file.EndsWith(".md", StringComparison.Ordinal) && !HeadingAnchors(File.ReadAllText(file)).Contains(anchor))
                broken.Add($"{target} (no heading #{anchor})");
        }

        Assert.True(broken.Count == 0, $"{page} links to:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void TheLinkCheck_SeesTheLinksOfEveryPage()
    {
        // Guards the check itself: the README links to every page under docs/, so if the pattern stopped
        // matching, this would fail rather than every page passing with nothing checked.
        var readmeLinks = LinksOf("README.md").Select(t => Split(t).Path).ToHashSet();

        Assert.All(DocFiles.All().Where(p => p.StartsWith("docs/", StringComparison.Ordinal) && !p.StartsWith("docs/performance/", StringComparison.Ordinal)),
            page => Assert.Contains(page, readmeLinks));
    }

    private static IEnumerable<string> LinksOf(string page)
    {
        var text = Regex.Replace(DocFiles.Text(page), "(?s)```.*?```", "");
        text = Regex.Replace(text, "`[^`\n]*`", "");
        return Link.Matches(text).Select(m => m.Groups["target"].Value);
    }

    private static bool IsRelative(string target) => !Regex.IsMatch(target, "^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private static (string Path, string Anchor) Split(string target)
    {
        var hash = target.IndexOf('#');
        return hash < 0 ? (target, "") : (target[..hash], target[(hash + 1)..]);
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes.</summary>
    private static HashSet<string> HeadingAnchors(string markdown) =>
        Regex.Matches(Regex.Replace(markdown, "(?s)```.*?```", ""), @"^#{1,6}\s+(.+?)\s*$", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Groups[1].Value.ToLowerInvariant(), @"[^\p{L}\p{Nd}\s_-]", "").Replace(' ', '-'))
            .ToHashSet();
}
