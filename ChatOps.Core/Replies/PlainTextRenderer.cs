using System.Text;
using System.Text.RegularExpressions;

namespace ChatOps.Core.Replies;

/// <summary>Renders a reply for a terminal (the `ask` and `shell` commands): what a person would read
/// in Slack, without the markup.</summary>
public static partial class PlainTextRenderer
{
    public static string Render(ChatReply reply)
    {
        var sb = new StringBuilder();
        foreach (var block in reply.Blocks)
        {
            switch (block)
            {
                case HeaderBlock h:
                    sb.AppendLine(h.Text).AppendLine(new string('=', Math.Min(h.Text.Length, 60)));
                    break;
                case SectionBlock s:
                    sb.AppendLine(FromMrkdwn(s.Mrkdwn));
                    break;
                case ContextBlock c:
                    sb.AppendLine(string.Join("  ", c.Elements.Select(FromMrkdwn)));
                    break;
                case DividerBlock:
                    sb.AppendLine(new string('-', 40));
                    break;
                case TableBlock t:
                    sb.Append(TextTable.Render(t));
                    break;
                case ActionsBlock a:
                    sb.AppendLine(string.Join("  ", a.Buttons.Select(b => $"[ {b.Text} ]")));
                    break;
            }
        }
        return sb.Length == 0 ? FromMrkdwn(reply.Text) : sb.ToString().TrimEnd();
    }

    /// <summary>Links become "label (url)", *bold* and _italic_ marks go, escapes are undone.
    /// `code` marks stay: they show where a value starts and ends.</summary>
    public static string FromMrkdwn(string mrkdwn)
    {
        var text = Link().Replace(mrkdwn, m =>
            m.Groups["label"].Success ? $"{m.Groups["label"].Value} ({m.Groups["url"].Value})" : m.Groups["url"].Value);
        // Slack shows <@U123> as the person's name and <#C123> as the channel's; a terminal has only the id.
        text = Mention().Replace(text, m => (m.Groups["kind"].Value == "#" ? "#" : "@") + m.Groups["id"].Value);
        text = Emoji().Replace(text, m => Shortcodes.GetValueOrDefault(m.Value, m.Value));
        text = Bold().Replace(text, "${inner}");
        text = Italic().Replace(text, "${inner}");
        return text.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&");
    }

    // The shortcodes our replies use, as a terminal can show them.
    private static readonly Dictionary<string, string> Shortcodes = new()
    {
        [":rotating_light:"] = "🚨", [":white_check_mark:"] = "✅", [":warning:"] = "⚠️", [":mag:"] = "🔍", [":package:"] = "📦",
        [":x:"] = "❌", [":hourglass:"] = "⌛", [":red_circle:"] = "🔴", [":large_green_circle:"] = "🟢", [":no_entry:"] = "⛔",
        [":lock:"] = "🔒", [":no_entry_sign:"] = "🚫", [":hourglass_flowing_sand:"] = "⏳",
        [":rocket:"] = "🚀", [":mute:"] = "🔇", [":loud_sound:"] = "🔊",
        [":technologist:"] = "🧑‍💻", [":stopwatch:"] = "⏱️", [":repeat:"] = "🔁", [":information_source:"] = "ℹ️",
        [":pager:"] = "📟",
    };

    [GeneratedRegex(@"<(?<kind>@|#|!subteam\^)(?<id>[A-Z0-9]+)(\|[^<>]*)?>")]
    private static partial Regex Mention();

    [GeneratedRegex(@":[a-z_]+:")]
    private static partial Regex Emoji();

    [GeneratedRegex(@"(?<![\w*])\*(?<inner>[^*\s`][^*\n`]*?)\*(?![\w*])")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w_])_(?<inner>[^_\s`][^_\n`]*?)_(?![\w_])")]
    private static partial Regex Italic();

    // No class crosses a '<', so a run of unclosed openings is linear, not quadratic.
    [GeneratedRegex(@"<(?<url>(https?|mailto):[^|<>]+)(\|(?<label>[^<>]*))?>")]
    private static partial Regex Link();
}
