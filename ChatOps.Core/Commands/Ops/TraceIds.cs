using System.Text.RegularExpressions;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>Trace ids (hex, up to 32 digits, as Jaeger prints them) and their links to the trace UI.</summary>
public static partial class TraceIds
{
    public const string Example = "17b4f65b0d9f038e2a7bc5ea84309af2";

    public static ParseResult<string> ParseSingle(string arguments)
    {
        var words = CommandText.Words(arguments);
        if (words.Count == 0) return ParseResult<string>.Fail("Which trace? Give its id.");
        if (words.Count > 1) return ParseResult<string>.Fail($"I expected one trace id, got {words.Count} words.");
        var id = words[0].ToLowerInvariant();
        return Hex().IsMatch(id)
            ? id
            : ParseResult<string>.Fail($"A trace id is up to 32 hex digits, like {Mrkdwn.Code(Example)}; {Mrkdwn.Code(words[0])} is not.");
    }

    /// <summary>The trace UI link, or null when Ops__TraceUiUrl is not set.</summary>
    public static string? Link(string? template, string id) =>
        string.IsNullOrWhiteSpace(template) ? null : template.Replace("{id}", Uri.EscapeDataString(id));

    [GeneratedRegex("^[0-9a-f]{1,32}$")]
    private static partial Regex Hex();
}
