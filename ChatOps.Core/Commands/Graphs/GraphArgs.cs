using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Graphs;

/// <summary>What `graph` was asked: a shortcut or an ad-hoc PromQL query, the time window, and Grafana
/// template variables (`var-env=prod`) for page shortcuts.</summary>
public sealed record GraphArgs(string? Shortcut, string? Query, TimeSpan? Range, DateTimeOffset? From, DateTimeOffset? To)
{
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    private static readonly string[] Options = ["range", "from", "to"];

    public static ParseResult<GraphArgs> Parse(string arguments, DateTimeOffset now)
    {
        var text = arguments.Trim();
        if (text.Length == 0) return ParseResult<GraphArgs>.Fail($"Which graph? Give a shortcut name (see `list graph shortcuts`) or {Mrkdwn.Code("query=<PromQL>")}.");

        // Window options are peeled off the end, so a PromQL query keeps its spaces and '=' signs.
        var window = new List<string>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && (Options.Any(o => words[^1].StartsWith(o + "=", StringComparison.OrdinalIgnoreCase)) || IsVariable(words[^1])))
        {
            if (IsVariable(words[^1]))
            {
                var (name, value) = (words[^1][4..words[^1].IndexOf('=')], words[^1][(words[^1].IndexOf('=') + 1)..]);
                if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-'))
                    return ParseResult<GraphArgs>.Fail($"A template variable is `var-&lt;name&gt;=&lt;value&gt;`, with a name of letters, digits, '-' and '_'; got {Mrkdwn.Code(words[^1])}.");
                variables.TryAdd(name, value);
            }
            else window.Insert(0, words[^1]);
            words.RemoveAt(words.Count - 1);
        }
        var head = string.Join(' ', words);
        var parsed = OptionSet.Parse(string.Join(' ', window), Options);
        if (parsed.Error is { } error) return ParseResult<GraphArgs>.Fail(error);
        var o = parsed.Value!;

        TimeSpan? range = null;
        if (o["range"] is { } r)
        {
            if (!DurationParser.TryParse(r, out var d, allowDays: true) || d < TimeSpan.FromMinutes(1) || d > TimeSpan.FromDays(31))
                return ParseResult<GraphArgs>.Fail($"range is a duration from 1m to 31d, like `1h`, `6h` or `7d`; got {Mrkdwn.Code(r)}.");
            range = d;
        }
        DateTimeOffset? from = null, to = null;
        if (o["from"] is { } f)
        {
            if (!TimeParser.TryParse(f, now, out var t)) return ParseResult<GraphArgs>.Fail($"from must be a time: {TimeParser.Accepted}; got {Mrkdwn.Code(f)}.");
            from = t;
        }
        if (o["to"] is { } tt)
        {
            if (!TimeParser.TryParse(tt, now, out var t)) return ParseResult<GraphArgs>.Fail($"to must be a time: {TimeParser.Accepted}; got {Mrkdwn.Code(tt)}.");
            to = t;
        }
        // Two of the three fix a window: from= with range= reads "range long, starting then", and to= with range= "ending
        // then". All three can disagree, so that is refused rather than one being dropped in silence.
        if (range is not null && from is not null && to is not null)
            return ParseResult<GraphArgs>.Fail("Give two of `from=`, `to=` and `range=`, not all three: `from=` with `range=` starts the window then, `to=` with `range=` ends it then.");
        if (range is { } length && from is { } start)
        {
            if (start >= now) return ParseResult<GraphArgs>.Fail("from must be in the past.");
            // A window reaching past now ends now, as if to= were not given.
            if (start + length < now) to = start + length;
        }
        if (from >= (to ?? now)) return ParseResult<GraphArgs>.Fail("from must be before to.");
        if ((to ?? now) - from > TimeSpan.FromDays(31)) return ParseResult<GraphArgs>.Fail("A graph covers at most 31 days; narrow from/to.");

        if (head.StartsWith("query=", StringComparison.OrdinalIgnoreCase))
        {
            var query = head[6..].Trim().Trim('"', '\'', '`');
            return query.Length == 0
                ? ParseResult<GraphArgs>.Fail("`query=` needs a PromQL expression, like `graph query=rate(http_requests_total[5m])`.")
                : new GraphArgs(null, query, range, from, to) { Variables = variables };
        }
        if (words.Count > 1) return ParseResult<GraphArgs>.Fail($"I expected one shortcut name, then `range=`, `from=`, `to=` or `var-&lt;name&gt;=`; got {Mrkdwn.Code(head)}.");
        return new GraphArgs(head.ToLowerInvariant(), null, range, from, to) { Variables = variables };
    }

    private static bool IsVariable(string word) => word.StartsWith("var-", StringComparison.OrdinalIgnoreCase) && word.Contains('=');
}
