namespace ChatOps.Core.Replies;

/// <summary>Escaping for text that goes into mrkdwn: Slack requires &amp;, &lt; and &gt; escaped.</summary>
public static class Mrkdwn
{
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Inline code; backticks inside would end the span, so they are replaced.</summary>
    public static string Code(string text) => "`" + Escape(text).Replace('`', '\'') + "`";
}
