using System.Text;

namespace ChatOps.Core.Commands.Arguments;

/// <summary>
/// Splits command arguments on whitespace, keeping "quoted text" and [bracketed, lists] together,
/// so `tags=[http.status:500, env:prod]` and `query="rate(x[5m])"` stay one token each.
/// </summary>
public static class ArgumentTokens
{
    public static ParseResult<IReadOnlyList<string>> Split(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var depth = 0;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else current.Append(c);
                continue;
            }
            switch (c)
            {
                case '"' or '\'':
                    quote = c;
                    break;
                case '[':
                    depth++;
                    current.Append(c);
                    break;
                case ']':
                    depth--;
                    current.Append(c);
                    break;
                case var w when char.IsWhiteSpace(w) && depth <= 0:
                    if (current.Length > 0) tokens.Add(current.ToString());
                    current.Clear();
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }
        if (quote is not null) return ParseResult<IReadOnlyList<string>>.Fail($"A quote ({quote}) is not closed.");
        if (depth != 0) return ParseResult<IReadOnlyList<string>>.Fail("A `[` is not closed by a `]`.");
        if (current.Length > 0) tokens.Add(current.ToString());
        return tokens;
    }
}
