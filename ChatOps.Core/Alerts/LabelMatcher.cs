using System.Text.RegularExpressions;

namespace ChatOps.Core.Alerts;

/// <summary>A label matcher as Alertmanager writes them: name=value, name!=value, name=~regex, name!~regex
/// (regexes anchored, as Alertmanager anchors them).</summary>
public sealed partial record LabelMatcher(string Name, string Value, bool IsRegex, bool IsEqual)
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(50);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var actual = labels.TryGetValue(Name, out var v) ? v : "";
        var hit = IsRegex ? Regex.IsMatch(actual, $"^(?:{Value})$", RegexOptions.None, RegexBudget) : actual == Value;
        return hit == IsEqual;
    }

    public override string ToString() => Name + (IsRegex ? (IsEqual ? "=~" : "!~") : (IsEqual ? "=" : "!=")) + Value;

    /// <summary>Matchers separated by commas or spaces; values may be quoted ("a,b"). Null with the problem when unreadable.</summary>
    public static (IReadOnlyList<LabelMatcher>? Matchers, string? Problem) ParseList(string text)
    {
        var result = new List<LabelMatcher>();
        foreach (var part in Split(text))
        {
            var m = Shape().Match(part.Trim());
            if (!m.Success) return (null, $"`{part.Trim()}` is not a matcher like name=value, name!=value, name=~regex or name!~regex");
            var op = m.Groups["op"].Value;
            var value = m.Groups["value"].Value;
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            var matcher = new LabelMatcher(m.Groups["name"].Value, value, op.EndsWith('~'), op[0] != '!');
            if (matcher.IsRegex && !ValidRegex(value)) return (null, $"`{part.Trim()}`: the regex does not compile");
            result.Add(matcher);
        }
        return result.Count == 0 ? (null, "no matchers given") : (result, null);
    }

    private static IEnumerable<string> Split(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            else if ((text[i] == ',' || char.IsWhiteSpace(text[i])) && !quoted)
            {
                if (i > start) yield return text[start..i];
                start = i + 1;
            }
        }
        if (text[start..].Trim().Length > 0) yield return text[start..];
    }

    private static bool ValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, RegexBudget);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^(?<name>[a-zA-Z_][a-zA-Z0-9_]*)\\s*(?<op>=~|!~|!=|=)\\s*(?<value>.*)$")]
    private static partial Regex Shape();
}
