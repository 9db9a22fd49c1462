namespace ChatOps.Core.Replies;

/// <summary>Slack's documented Block Kit limits (see shared docs slack.md).</summary>
public static class BlockKitLimits
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxContextElements = 10;
    public const int MaxTableRows = 100;
    public const int MaxTableCells = 20;

    /// <summary>chat.postMessage truncates text past 40,000 characters; we stay well below.</summary>
    public const int MaxFallbackText = 3900;

    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : text[..(max - 1)] + "…";
}
