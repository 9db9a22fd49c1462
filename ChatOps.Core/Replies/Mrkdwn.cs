using System.Text.RegularExpressions;

namespace ChatOps.Core.Replies;

/// <summary>
/// The one way text becomes mrkdwn. Everything not written by the code (what users typed, whatever a backend
/// returned) goes through <see cref="Escape"/> or <see cref="Code"/>, in the blocks and in the `text` fallback
/// alike, so no &lt;!channel&gt;, user or channel link or URL can come through. Markup the bot means to make is
/// built only by <see cref="User"/>, <see cref="Channel"/>, <see cref="Group"/> and <see cref="Link"/>, which
/// check their input; anything else that is not an id or an http(s) URL is shown escaped instead.
/// </summary>
public static partial class Mrkdwn
{
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Inline code; backticks inside would end the span, so they are replaced.</summary>
    public static string Code(string text) => "`" + Escape(text).Replace('`', '\'') + "`";

    /// <summary>A mention of a Slack user (U… or W… id).</summary>
    public static string User(string id) => UserId().IsMatch(id) ? $"<@{id}>" : Code(id);

    /// <summary>A link to a channel (C…, G… or D… id).</summary>
    public static string Channel(string id) => ChannelId().IsMatch(id) ? $"<#{id}>" : Code(id);

    /// <summary>A mention of a user group (S… id).</summary>
    public static string Group(string id) => GroupId().IsMatch(id) ? $"<!subteam^{id}>" : Code(id);

    /// <summary>A link with an escaped label; a target that is not an absolute http(s) URL gives the label alone.</summary>
    public static string Link(string url, string label)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return Escape(label);
        // '|' and '>' end the target in Slack's syntax; the escapes keep the same URL.
        var target = url.Replace("|", "%7C").Replace("<", "%3C").Replace(">", "%3E").Replace(" ", "%20");
        return $"<{target}|{Escape(label)}>";
    }

    [GeneratedRegex("^[UW][A-Z0-9]{1,30}$")]
    private static partial Regex UserId();

    [GeneratedRegex("^[CGD][A-Z0-9]{1,30}$")]
    private static partial Regex ChannelId();

    [GeneratedRegex("^S[A-Z0-9]{1,30}$")]
    private static partial Regex GroupId();
}
