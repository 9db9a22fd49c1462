using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Arguments;

/// <summary>
/// The `name=value` options of a command and its positional words. Unknown option names are
/// refused by name with the closest known one suggested; an option given twice is refused.
/// </summary>
public sealed class OptionSet
{
    private readonly Dictionary<string, string> _options;

    private OptionSet(Dictionary<string, string> options, IReadOnlyList<string> positional)
    {
        _options = options;
        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public string? this[string name] => _options.GetValueOrDefault(name);

    /// <param name="known">Option names the command accepts.</param>
    /// <param name="isPositional">Decides which `a=b` tokens are positional (alert label filters); none by default.</param>
    public static ParseResult<OptionSet> Parse(string arguments, IReadOnlyCollection<string> known, Func<string, bool>? isPositional = null)
    {
        var split = ArgumentTokens.Split(arguments);
        if (split.Error is { } error) return ParseResult<OptionSet>.Fail(error);

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = new List<string>();
        foreach (var token in split.Value!)
        {
            var eq = token.IndexOf('=');
            if (eq <= 0 || (isPositional?.Invoke(token) ?? false))
            {
                positional.Add(token);
                continue;
            }
            var name = token[..eq].ToLowerInvariant();
            if (!known.Contains(name)) return ParseResult<OptionSet>.Fail(Unknown(name, known));
            if (!options.TryAdd(name, token[(eq + 1)..]))
                return ParseResult<OptionSet>.Fail($"The option {Mrkdwn.Code(name)} is given twice.");
        }
        return new OptionSet(options, positional);
    }

    public static string Unknown(string name, IReadOnlyCollection<string> known)
    {
        var hint = EditDistance.Closest(name, known) is { } close ? $"; did you mean {Mrkdwn.Code(close)}?" : ".";
        var list = known.Count == 0 ? "" : $" I know {string.Join(", ", known.Select(Mrkdwn.Code))}.";
        return $"I don't know the option {Mrkdwn.Code(name)}{hint}{list}";
    }
}
