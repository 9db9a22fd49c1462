using System.Text.Json.Nodes;

namespace ChatOps.Core.Replies;

/// <summary>Renders a <see cref="ChatReply"/> as the JSON fields chat.postMessage and response_url take,
/// truncated to Slack's limits so a long answer is cut rather than refused.</summary>
public static class BlockKitJson
{
    public static JsonObject ToPayload(ChatReply reply)
    {
        var blocks = new JsonArray();
        var kept = reply.Blocks.Take(BlockKitLimits.MaxBlocks).ToList();
        if (reply.Blocks.Count > BlockKitLimits.MaxBlocks)
        {
            kept = kept.Take(BlockKitLimits.MaxBlocks - 1).ToList();
            kept.Add(new ContextBlock([$"_showing {BlockKitLimits.MaxBlocks - 1} of {reply.Blocks.Count} blocks_"]));
        }
        foreach (var block in kept) blocks.Add(ToJson(block));
        FitTotalSize(blocks);
        return new JsonObject
        {
            ["text"] = BlockKitLimits.Truncate(reply.Text, BlockKitLimits.MaxFallbackText),
            ["blocks"] = blocks,
        };
    }

    private static JsonObject ToJson(Block block) => block switch
    {
        HeaderBlock h => new JsonObject
        {
            ["type"] = "header",
            ["text"] = PlainText(BlockKitLimits.Truncate(h.Text, BlockKitLimits.MaxHeaderText)),
        },
        SectionBlock s => new JsonObject
        {
            ["type"] = "section",
            ["text"] = Mrkdwn(BlockKitLimits.Truncate(s.Mrkdwn, BlockKitLimits.MaxSectionText)),
        },
        ContextBlock c => new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray(c.Elements.Take(BlockKitLimits.MaxContextElements)
                .Select(e => (JsonNode)Mrkdwn(BlockKitLimits.Truncate(e, BlockKitLimits.MaxSectionText))).ToArray()),
        },
        DividerBlock => new JsonObject { ["type"] = "divider" },
        TableBlock t => new JsonObject
        {
            ["type"] = "table",
            ["rows"] = new JsonArray(t.Rows.Take(BlockKitLimits.MaxTableRows)
                .Select(row => (JsonNode)new JsonArray(row.Take(BlockKitLimits.MaxTableCells).Select(Cell).ToArray())).ToArray()),
        },
        ActionsBlock a => new JsonObject
        {
            ["type"] = "actions",
            ["elements"] = new JsonArray(a.Buttons.Select(ButtonJson).Concat(a.Menus.Select(MenuJson)).Take(BlockKitLimits.MaxActionElements).ToArray()),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "no Block Kit mapping"),
    };

    // A value over Slack's limit would make Slack refuse the whole message, so it is never cut here:
    // whoever builds the button keeps it short (the confirmation token is checked when it is made).
    private static JsonNode ButtonJson(Button button)
    {
        var json = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(BlockKitLimits.Truncate(button.Text, BlockKitLimits.MaxButtonText)),
            ["action_id"] = button.ActionId,
            ["value"] = button.Value,
        };
        if (button.Style != ButtonStyle.Default) json["style"] = button.Style == ButtonStyle.Primary ? "primary" : "danger";
        // A URL Slack would refuse (not http(s), over 3,000 characters) makes it a plain button rather than lose the message.
        if (button.Url is { Length: <= 3000 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") json["url"] = url;
        return json;
    }

    // Option values are at most 150 characters and texts 75: whoever builds the menu keeps values short.
    private static JsonNode MenuJson(SelectMenu menu) => new JsonObject
    {
        ["type"] = "static_select",
        ["action_id"] = menu.ActionId,
        ["placeholder"] = PlainText(BlockKitLimits.Truncate(menu.Placeholder, 150)),
        ["options"] = new JsonArray(menu.Options.Take(100).Select(o => (JsonNode)new JsonObject
        {
            ["text"] = PlainText(BlockKitLimits.Truncate(o.Text, BlockKitLimits.MaxButtonText)),
            ["value"] = o.Value,
        }).ToArray()),
    };

    /// <summary>Drops table rows from the end (saying so) until the blocks fit the total budget; then,
    /// if other blocks are still too large, drops trailing blocks with a note.</summary>
    private static void FitTotalSize(JsonArray blocks)
    {
        if (blocks.ToJsonString().Length <= BlockKitLimits.MaxBlocksJson) return;
        if (blocks.OfType<JsonObject>().FirstOrDefault(b => (string?)b["type"] == "table") is { } table &&
            table["rows"] is JsonArray rows)
        {
            var total = rows.Count - 1;
            while (rows.Count > 2 && blocks.ToJsonString().Length > BlockKitLimits.MaxBlocksJson - 100) rows.RemoveAt(rows.Count - 1);
            blocks.Insert(blocks.IndexOf(table), Context($"_showing {rows.Count - 1} of {total} rows (Slack's message size limit)_"));
        }
        while (blocks.Count > 1 && blocks.ToJsonString().Length > BlockKitLimits.MaxBlocksJson)
        {
            blocks.RemoveAt(blocks.Count - 1);
            if (blocks.ToJsonString().Length <= BlockKitLimits.MaxBlocksJson - 100)
            {
                blocks.Add(Context("_message shortened to fit Slack's size limit_"));
                break;
            }
        }
    }

    private static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(mrkdwn)),
    };

    private static JsonNode? Cell(TableCell cell)
    {
        var text = BlockKitLimits.Truncate(cell.Text, BlockKitLimits.MaxCellText);
        if (cell.Url is null) return new JsonObject { ["type"] = "raw_text", ["text"] = text };
        var link = new JsonObject { ["type"] = "link", ["url"] = cell.Url, ["text"] = text };
        return new JsonObject
        {
            ["type"] = "rich_text",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "rich_text_section", ["elements"] = new JsonArray(link) }),
        };
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
