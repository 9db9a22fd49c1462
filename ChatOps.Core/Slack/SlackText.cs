using System.Text;
using System.Text.RegularExpressions;

namespace ChatOps.Core.Slack;

/// <summary>
/// Turns the text of a Slack message back into what the person typed: Slack escapes &amp; &lt; &gt;,
/// wraps URLs and mentions in angle brackets, and phones replace quotes with typographic ones.
/// </summary>
public static partial class SlackText
{
    /// <summary>Removes mentions of <paramref name="botUserId"/>; with no id, removes a leading mention.</summary>
    public static string StripBotMention(string text, string? botUserId)
    {
        var stripped = string.IsNullOrEmpty(botUserId)
            ? LeadingMention().Replace(text, "", 1)
            : Regex.Replace(text, $@"<@{Regex.Escape(botUserId)}(\|[^<>]*)?>", "");
        return stripped.Trim();
    }

    /// <summary>Undoes Slack's formatting so command parsing sees plain text.</summary>
    public static string ToPlain(string text)
    {
        // <http://x|label> and <mailto:..|label> become the target; <@U1|name> stays a user id.
        var unlinked = Link().Replace(text, m => m.Groups["target"].Value);
        var sb = new StringBuilder(unlinked)
            .Replace('\u201C', '"').Replace('\u201D', '"').Replace('\u2018', '\'').Replace('\u2019', '\'')
            .Replace('\u00A0', ' ');
        return sb.ToString().Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&").Trim();
    }

    // No class below crosses a '<': each opening is scanned at most to the next one, so a run of unclosed
    // openings costs linear time on the ack path (crossing it rescanned to the end at every opening).
    [GeneratedRegex(@"^\s*<@[A-Z0-9]+(\|[^<>]*)?>")]
    private static partial Regex LeadingMention();

    [GeneratedRegex(@"<(?<target>(https?|mailto):[^|<>]+)(\|[^<>]*)?>")]
    private static partial Regex Link();
}
