using System.Text.RegularExpressions;
using ChatOps.Core.Commands;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Docs;

/// <summary>The README's command table is the registry's: every command, in the registry's order, with its
/// usage, its summary and whether it changes production. A command added, renamed or re-described without
/// the table (or the other way round) fails here.</summary>
public sealed class CommandTableTests
{
    private static IReadOnlyList<string[]> TableRows()
    {
        var readme = DocFiles.Text("README.md");
        var start = readme.IndexOf("\n## Commands\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Commands section");
        var section = readme[(start + 1)..];
        var next = section.IndexOf("\n## ", StringComparison.Ordinal);
        var rows = section[..(next < 0 ? section.Length : next)].Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(Cells)
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>A Markdown table row's cells; `\|` is a pipe inside a cell.</summary>
    private static string[] Cells(string row) =>
        Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim().Replace("\\|", "|")).ToArray();

    private static IReadOnlyList<CommandInfo> Registry() =>
        CommandServices.Build(new Dictionary<string, string?> { ["Ops:Endpoint"] = "http://127.0.0.1:1" })
            .GetRequiredService<CommandRegistry>().All.Select(c => c.Info).ToList();

    [Fact]
    public void TheReadmesCommandTable_ListsTheRegistrysCommands_InItsOrder()
    {
        var shown = TableRows().Select(r => r[0]).ToList();

        Assert.Equal(Registry().Select(c => $"`{c.Usage}`"), shown);
    }

    [Fact]
    public void EachRow_SaysWhatTheRegistrySays_AndWhetherItChangesProduction()
    {
        var rows = TableRows().ToDictionary(r => r[0].Trim('`'));

        Assert.All(Registry(), command =>
        {
            Assert.True(rows.TryGetValue(command.Usage, out var row), $"no row for `{command.Usage}`");
            Assert.Equal(command.Summary, row[1]);
            Assert.Equal(command.Mutating ? "yes" : "", row[2]);
        });
    }
}
