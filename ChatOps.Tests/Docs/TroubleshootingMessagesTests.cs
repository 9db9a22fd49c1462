using System.Text.RegularExpressions;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Docs;

/// <summary>The messages docs/troubleshooting.md quotes are messages the code can still produce: each quoted message's
/// words before its first ": " (placeholders, numbers and "…" aside) appear in a string of the product's code, outside
/// comments. A reworded reply then fails here until the table is reworded too.</summary>
public sealed class TroubleshootingMessagesTests
{
    private static readonly Regex Quoted = new(@"""((?:[^""\\]|\\.)*)""", RegexOptions.Compiled);

    // What a quoted message writes where the code interpolates: `code`, <placeholder>, …, numbers, N, @you, and the
    // name of the backend that failed.
    private static readonly Regex Placeholder = new(@"`[^`]*`|…|<[^>]+>|\b\d+(?:\.\d+)?\b|\b[NM]\b|@\w+|^(?:Prometheus|Jaeger|Alertmanager)\b",
        RegexOptions.Compiled);

    [Fact]
    public void EveryQuotedMessage_IsStillWrittenByTheCode()
    {
        var code = ProductCodeWithoutComments();
        var rows = File.ReadAllLines(Path.Combine(RepoRoot.Path, "docs", "troubleshooting.md")).Where(l => l.StartsWith("| \"", StringComparison.Ordinal)).ToList();
        var missing = new List<string>();
        var checkedFragments = 0;
        foreach (var row in rows)
        {
            var cell = row.Split(" | ")[0][2..];
            foreach (Match quote in Quoted.Matches(cell))
            {
                var message = Regex.Replace(quote.Groups[1].Value, @"^:[a-z_]+:\s*", "");
                var head = message.Split(": ")[0];
                foreach (var fragment in Placeholder.Split(head).Select(f => f.Trim(' ', '.', ',', ';', '(', ')')).Where(f => f.Split(' ').Length >= 2))
                {
                    checkedFragments++;
                    if (!code.Contains(fragment, StringComparison.Ordinal)) missing.Add($"\"{fragment}\" (from {quote.Value})");
                }
            }
        }

        Assert.True(rows.Count >= 15, $"only {rows.Count} table rows were read: the table's shape changed and this test must follow it");
        Assert.True(checkedFragments >= 30, $"only {checkedFragments} fragments were checked");
        Assert.True(missing.Count == 0, "docs/troubleshooting.md quotes words no code writes:\n" + string.Join("\n", missing));
    }

    private static string ProductCodeWithoutComments()
    {
        var text = new System.Text.StringBuilder();
        foreach (var project in new[] { "ChatOps.Core", "ChatOps.Functions", "ChatOps.OpsService", "ChatOps.Local" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, project), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
                foreach (var line in File.ReadLines(file))
                    if (!line.TrimStart().StartsWith("//", StringComparison.Ordinal)) text.AppendLine(line);
        return text.ToString();
    }
}
