using System.Text.Json.Nodes;
using ChatOps.Core.Replies;

namespace ChatOps.Tests.Replies;

public sealed class BlockKitJsonTests
{
    [Fact]
    public void Payload_CarriesTheFallbackText_AndTheBlocks()
    {
        var payload = BlockKitJson.ToPayload(new ChatReply("fallback", [new HeaderBlock("Title"), new SectionBlock("*bold*"), new DividerBlock(), new ContextBlock(["small"])]));

        Assert.Equal("fallback", (string?)payload["text"]);
        var blocks = payload["blocks"]!.AsArray();
        Assert.Equal(["header", "section", "divider", "context"], blocks.Select(b => (string)b!["type"]!));
        Assert.Equal("plain_text", (string?)blocks[0]!["text"]!["type"]);
        Assert.Equal("mrkdwn", (string?)blocks[1]!["text"]!["type"]);
    }

    [Fact]
    public void OversizedTexts_AreTruncatedToSlackLimits()
    {
        var payload = BlockKitJson.ToPayload(new ChatReply(new string('t', 10_000), [new HeaderBlock(new string('h', 400)), new SectionBlock(new string('s', 5000))]));

        Assert.Equal(BlockKitLimits.MaxFallbackText, ((string)payload["text"]!).Length);
        Assert.Equal(150, ((string)payload["blocks"]![0]!["text"]!["text"]!).Length);
        var section = (string)payload["blocks"]![1]!["text"]!["text"]!;
        Assert.Equal(3000, section.Length);
        Assert.EndsWith("…", section);
    }

    [Fact]
    public void MoreThanFiftyBlocks_AreCut_WithAShowingNOfMNote()
    {
        var blocks = Enumerable.Range(0, 70).Select(i => (Block)new SectionBlock($"row {i}")).ToList();

        var json = BlockKitJson.ToPayload(new ChatReply("rows", blocks))["blocks"]!.AsArray();

        Assert.Equal(50, json.Count);
        Assert.Equal("_showing 49 of 70 blocks_", (string?)json[49]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void PlainTextRendering_ShowsLinksAsLabelAndUrl()
    {
        var text = PlainTextRenderer.Render(new ChatReply("x", [new HeaderBlock("Trace"), new SectionBlock("open <http://jaeger:16686/trace/abc|abc> &lt;now&gt;")]));

        Assert.Equal("Trace\n=====\nopen abc (http://jaeger:16686/trace/abc) <now>", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ALargeTable_IsCutToSlacksTotalSize_WithAShowingNote()
    {
        var rows = new List<IReadOnlyList<TableCell>> { new TableCell[] { "Start", "Trace" } };
        rows.AddRange(Enumerable.Range(0, 99).Select(i => (IReadOnlyList<TableCell>)new TableCell[]
            { $"2026-11-21 12:{i:00}:00 UTC", new($"{i:x32}", $"http://jaeger.example:16686/trace/{i:x32}") }));

        var blocks = BlockKitJson.ToPayload(new ChatReply("traces", [new SectionBlock("99 traces"), new TableBlock(rows)]))["blocks"]!.AsArray();

        Assert.True(blocks.ToJsonString().Length <= BlockKitLimits.MaxBlocksJson, $"blocks are {blocks.ToJsonString().Length} chars");
        var kept = blocks.Single(b => (string?)b!["type"] == "table")!["rows"]!.AsArray().Count - 1;
        Assert.InRange(kept, 10, 98);
        Assert.Equal($"_showing {kept} of 99 rows (Slack's message size limit)_", (string?)blocks[1]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void LongCells_AreCapped()
    {
        var table = new TableBlock([new TableCell[] { "Summary" }, new TableCell[] { new string('x', 2000) }]);

        var cell = BlockKitJson.ToPayload(new ChatReply("t", [table]))["blocks"]![0]!["rows"]![1]![0]!;

        Assert.Equal(BlockKitLimits.MaxCellText, ((string)cell["text"]!).Length);
    }
}
