using ChatOps.Tests.Support;

namespace ChatOps.Tests.Docs;

/// <summary>The repository's Markdown: the README front page and the pages under docs/.</summary>
internal static class DocFiles
{
    public static string Text(string relativePath) =>
        File.ReadAllText(Path.Combine(RepoRoot.Path, relativePath)).ReplaceLineEndings("\n");

    /// <summary>README.md and every Markdown file under docs/, as paths relative to the repository root.</summary>
    public static IReadOnlyList<string> All() =>
        [
            "README.md",
            .. Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "docs"), "*.md", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RepoRoot.Path, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal),
        ];
}
