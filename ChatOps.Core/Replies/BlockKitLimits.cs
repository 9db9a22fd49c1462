namespace ChatOps.Core.Replies;

/// <summary>Slack's documented Block Kit limits.</summary>
public static class BlockKitLimits
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxContextElements = 10;
    public const int MaxTableRows = 100;
    public const int MaxActionElements = 25;
    public const int MaxButtonText = 75;
    public const int MaxButtonValue = 2000;

    /// <summary>Slack refuses messages whose blocks run to about 13k characters (msg_blocks_too_long)
    /// below every documented per-block limit; we stay under this.</summary>
    public const int MaxBlocksJson = 12_000;

    /// <summary>Our cap for one table cell; a cell is one value, not a paragraph.</summary>
    public const int MaxCellText = 300;
    public const int MaxTableCells = 20;

    /// <summary>chat.postMessage truncates text past 40,000 characters; we stay well below.</summary>
    public const int MaxFallbackText = 3900;

    public static string Truncate(string text, int max) =>
        text.Length <= max ? text : text[..(max - 1)] + "…";
}
