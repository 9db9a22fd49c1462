using ChatOps.Core.Alerts;
using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Silences;

/// <summary>`silence &lt;matchers&gt; for &lt;duration&gt; [because &lt;text&gt;]`, parsed.</summary>
public sealed record SilenceArgs(IReadOnlyList<LabelMatcher> Matchers, TimeSpan Duration, string? Reason)
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public static ParseResult<SilenceArgs> Parse(string arguments)
    {
        var text = arguments.Trim();
        var because = IndexOfWord(text, "because");
        var reason = because >= 0 ? text[(because + "because".Length)..].Trim() : null;
        if (because >= 0) text = text[..because].TrimEnd();
        var forAt = IndexOfWord(text, "for");
        if (forAt < 0) return ParseResult<SilenceArgs>.Fail($"How long? End with {Mrkdwn.Code("for <duration>")}, like `for 2h`.");
        var matchersText = text[..forAt].Trim();
        var durationText = text[(forAt + 3)..].Trim();
        if (matchersText.Length == 0) return ParseResult<SilenceArgs>.Fail("Silence what? Give label matchers first, like `alertname=HighErrorRate`.");
        var (matchers, problem) = LabelMatcher.ParseList(matchersText);
        if (matchers is null) return ParseResult<SilenceArgs>.Fail(Mrkdwn.Escape(problem!));
        if (!DurationParser.TryParse(durationText, out var duration, allowDays: true))
            return ParseResult<SilenceArgs>.Fail($"{Mrkdwn.Code(durationText)} is not a duration: {DurationParser.AcceptedWithDays}.");
        if (duration < TimeSpan.FromMinutes(1))
            return ParseResult<SilenceArgs>.Fail($"A silence lasts at least a minute, like `30m`, `2h` or `1d`; got {Mrkdwn.Code(durationText)}.");
        if (duration > MaxDuration) return ParseResult<SilenceArgs>.Fail("A silence from chat lasts 30 days at most.");
        if (reason is { Length: 0 }) return ParseResult<SilenceArgs>.Fail("`because` needs a reason after it.");
        if (matchers.All(m => m.IsRegex && m.Value is ".*" or ".+" || !m.IsEqual))
            return ParseResult<SilenceArgs>.Fail("Those matchers would silence nearly everything; name at least one label exactly, like `alertname=…`.");
        return new SilenceArgs(matchers, duration, reason is null ? null : BlockKitLimits.Truncate(reason, 500));
    }

    public string MatchersText => string.Join(",", Matchers.Select(m => m.ToString()));

    // The keyword as a whole word, the last one (matcher values may contain it).
    private static int IndexOfWord(string text, string word)
    {
        for (var i = text.Length - word.Length; i >= 0; i--)
            if (string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
                (i == 0 || char.IsWhiteSpace(text[i - 1])) && (i + word.Length == text.Length || char.IsWhiteSpace(text[i + word.Length])))
                return i;
        return -1;
    }
}
