using System.Text.RegularExpressions;
using ChatOps.Core.Commands.Arguments;

namespace ChatOps.Core.Commands.OnCall;

/// <summary>`&lt;schedule&gt; &lt;@user&gt; [until &lt;time&gt;]`: who holds which schedule, until when (null: the end of the current shift).</summary>
public sealed partial record OnCallOverrideArgs(string Schedule, string User, DateTimeOffset? Until)
{
    public const string UntilAccepted = "a time such as `2026-11-21T18:00:00Z` or a duration from now such as `8h` or `2d`";

    public static ParseResult<OnCallOverrideArgs> Parse(string text, DateTimeOffset now, bool untilRequired)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return ParseResult<OnCallOverrideArgs>.Fail("name the schedule and the person, like `payments @alice`");
        if (UserRef().Match(words[1]) is not { Success: true } user) return ParseResult<OnCallOverrideArgs>.Fail("the person must be a mention, like @alice");
        if (words.Length == 2)
            return untilRequired ? ParseResult<OnCallOverrideArgs>.Fail($"say until when: `until` and {UntilAccepted}")
                : new OnCallOverrideArgs(words[0], user.Groups["id"].Value, null);
        if (words.Length != 4 || !words[2].Equals("until", StringComparison.OrdinalIgnoreCase))
            return ParseResult<OnCallOverrideArgs>.Fail($"after the person, only `until` and {UntilAccepted}");
        DateTimeOffset until;
        if (DurationParser.TryParse(words[3], out var span, allowDays: true)) until = now + span;
        else if (!TimeParser.TryParse(words[3], now, out until)) return ParseResult<OnCallOverrideArgs>.Fail($"`until` takes {UntilAccepted}");
        if (until <= now) return ParseResult<OnCallOverrideArgs>.Fail("that time has passed: an override runs from now until a later time");
        if (until > now + TimeSpan.FromDays(31)) return ParseResult<OnCallOverrideArgs>.Fail("an override lasts at most 31 days; change the rotation for longer");
        return new OnCallOverrideArgs(words[0], user.Groups["id"].Value, until);
    }

    // Slack sends a mention as <@U123> or <@U123|name>; @U123 and a bare id are accepted too.
    [GeneratedRegex("^(<@(?<id>[UW][A-Z0-9]{1,30})(\\|[^<>]*)?>|@?(?<id>[UW][A-Z0-9]{1,30}))$")]
    private static partial Regex UserRef();
}
