using System.Globalization;
using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>The grammar of `list traces` options, as values: every mistake says what was expected.</summary>
internal static class TraceQueryParser
{
    public static ParseResult<TraceQuery> Parse(string arguments, IReadOnlyCollection<string> known, DateTimeOffset now)
    {
        var parsed = OptionSet.Parse(arguments, known);
        if (parsed.Error is { } error) return ParseResult<TraceQuery>.Fail(error);
        var o = parsed.Value!;
        if (o.Positional.Count > 0)
            return ParseResult<TraceQuery>.Fail($"I don't understand {Mrkdwn.Code(o.Positional[0])}; options are written `name=value`.");

        var limit = TraceQuery.DefaultLimit;
        if (o["limit"] is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > TraceQuery.MaxLimit))
            return ParseResult<TraceQuery>.Fail($"limit must be a whole number from 1 to {TraceQuery.MaxLimit}; got {Mrkdwn.Code(l)}.");

        DateTimeOffset? start = null, end = null;
        if (o["start"] is { } s && !TryTime(s, now, out start)) return BadTime("start", s);
        if (o["end"] is { } e && !TryTime(e, now, out end)) return BadTime("end", e);
        if (start >= end) return ParseResult<TraceQuery>.Fail("start must be before end.");

        TimeSpan? min = null, max = null;
        if (o["min"] is { } mn && !TryDuration(mn, out min)) return BadDuration("min", mn);
        if (o["max"] is { } mx && !TryDuration(mx, out max)) return BadDuration("max", mx);
        if (min > max) return ParseResult<TraceQuery>.Fail("min must not be longer than max.");

        var tags = new List<KeyValuePair<string, string>>();
        if (o["tags"] is { } t && !TryTags(t, tags))
            return ParseResult<TraceQuery>.Fail($"tags are `key:value` pairs in brackets, like `tags=[http.status_code:500,env:prod]`; got {Mrkdwn.Code(t)}.");

        return new TraceQuery(Empty(o["service"]), Empty(o["operation"]), start, end, limit, tags, min, max);
    }

    private static bool TryTime(string text, DateTimeOffset now, out DateTimeOffset? time)
    {
        var ok = TimeParser.TryParse(text, now, out var t);
        time = ok ? t : null;
        return ok;
    }

    private static bool TryDuration(string text, out TimeSpan? duration)
    {
        var ok = DurationParser.TryParse(text, out var d);
        duration = ok ? d : null;
        return ok;
    }

    private static bool TryTags(string text, List<KeyValuePair<string, string>> tags)
    {
        var inner = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        foreach (var pair in inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0 || colon == pair.Length - 1) return false;
            tags.Add(new(pair[..colon].Trim(), pair[(colon + 1)..].Trim()));
        }
        return tags.Count > 0;
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static ParseResult<TraceQuery> BadTime(string name, string value) =>
        ParseResult<TraceQuery>.Fail($"{name} must be a time: {TimeParser.Accepted}; got {Mrkdwn.Code(value)}.");

    private static ParseResult<TraceQuery> BadDuration(string name, string value) =>
        ParseResult<TraceQuery>.Fail($"{name} must be a duration, {DurationParser.Accepted}; got {Mrkdwn.Code(value)}.");
}
