using System.Text.RegularExpressions;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>Trace ids and their links to the trace UI. Jaeger prints a trace id as 16 hex digits (64-bit ids) or 32
/// (128-bit ids); a 128-bit id may lose its leading zeros in a log line, so 16 to 32 digits are taken. A shorter word
/// cannot be an id, and is answered at once instead of being looked up.</summary>
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
            : ParseResult<string>.Fail($"{Mrkdwn.Code(words[0])} is not a trace id: a trace id is 16 or 32 hex digits (0-9, a-f), " +
                                       $"like {Mrkdwn.Code(Example)}. Pad a shorter one with leading zeros to 16 digits.");
    }

    /// <summary>The trace UI link, or null when Ops__TraceUiUrl is not set.</summary>
    public static string? Link(string? template, string id) =>
        string.IsNullOrWhiteSpace(template) ? null : template.Replace("{id}", Uri.EscapeDataString(id));

    [GeneratedRegex("^[0-9a-f]{16,32}$")]
    private static partial Regex Hex();
}
