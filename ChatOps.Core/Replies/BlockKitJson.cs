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
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "no Block Kit mapping"),
    };

    private static JsonNode? Cell(TableCell cell)
    {
        if (cell.Url is null) return new JsonObject { ["type"] = "raw_text", ["text"] = cell.Text };
        var link = new JsonObject { ["type"] = "link", ["url"] = cell.Url, ["text"] = cell.Text };
        return new JsonObject
        {
            ["type"] = "rich_text",
            ["elements"] = new JsonArray(new JsonObject { ["type"] = "rich_text_section", ["elements"] = new JsonArray(link) }),
        };
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
