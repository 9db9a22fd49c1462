using System.Text.RegularExpressions;

namespace ChatOps.Core.Environments;

/// <summary>
/// <c>env=&lt;name&gt;</c>, allowed anywhere in any command line and taken out before the command's own parser sees
/// the text. Only a whole word of that form counts, so a PromQL matcher such as <c>{env="prod"}</c> stays with the query.
/// </summary>
public static partial class EnvironmentArgument
{
    [GeneratedRegex(@"(?<=^|\s)env=(?<name>[A-Za-z0-9_.-]+)(?=\s|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    /// <summary>The named environment (null when none is named) and the text without it; more than one is a mistake.</summary>
    public static (string? Name, string Remainder, bool Repeated) Split(string text)
    {
        var matches = Word().Matches(text);
        if (matches.Count == 0) return (null, text, false);
        var names = matches.Select(m => m.Groups["name"].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Only the word goes: the spacing of the rest is the command's (quoted arguments keep theirs).
        return (names[0].ToLowerInvariant(), Word().Replace(text, "").Trim(), names.Count > 1);
    }
}
