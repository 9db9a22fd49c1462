namespace ChatOps.Core.Replies;

/// <summary>The Block Kit blocks this bot uses. Each is turned into JSON by <see cref="BlockKitJson"/>.</summary>
public abstract record Block;

public sealed record HeaderBlock(string Text) : Block;

/// <summary>A section of mrkdwn text.</summary>
public sealed record SectionBlock(string Mrkdwn) : Block;

/// <summary>Small grey mrkdwn lines under the content (sources, "showing N of M").</summary>
public sealed record ContextBlock(IReadOnlyList<string> Elements) : Block;

public sealed record DividerBlock : Block;

/// <summary>A table (Slack's `table` block: at most 100 rows of 20 cells, one per message, shown
/// at the bottom). The first row is the header.</summary>
public sealed record TableBlock(IReadOnlyList<IReadOnlyList<TableCell>> Rows) : Block;

/// <summary>A table cell: plain text, or a link when <see cref="Url"/> is set.</summary>
public sealed record TableCell(string Text, string? Url = null)
{
    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>A row of buttons (Slack's `actions` block). Clicks come back as interactivity payloads.</summary>
public sealed record ActionsBlock(IReadOnlyList<Button> Buttons) : Block
{
    /// <summary>Select menus after the buttons (Slack's static_select); the chosen option's value comes back with the click.</summary>
    public IReadOnlyList<SelectMenu> Menus { get; init; } = [];
}

/// <summary>A button: <see cref="ActionId"/> says what it does, <see cref="Value"/> (at most 2,000
/// characters) travels back with the click.</summary>
public sealed record Button(string Text, string ActionId, string Value, ButtonStyle Style = ButtonStyle.Default)
{
    /// <summary>A link button: Slack opens this http(s) URL (and still sends the click, which the bot acks and drops).</summary>
    public string? Url { get; init; }
}

public enum ButtonStyle
{
    Default,
    Primary,
    Danger,
}
