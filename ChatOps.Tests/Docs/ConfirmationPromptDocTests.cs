using ChatOps.Core.Confirmations;
using ChatOps.Core.Replies;

namespace ChatOps.Tests.Docs;

/// <summary>The confirmation prompt docs/trust.md shows is the prompt's Block Kit rendered as the shell renders it.</summary>
public sealed class ConfirmationPromptDocTests
{
    [Fact]
    public void TheTrustPagesPrompt_IsTheRenderedPrompt()
    {
        var now = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        var change = new PendingChange("Ev1", "change sampling", "float .1", "U0ALICE", "C0OPS", "T1", now.AddMinutes(10), RequireApproval: true);
        var prompt = ConfirmationPrompt.For(change, "every service will sample 10% of traces", "c1.x.y", now);

        var rendered = PlainTextRenderer.Render(prompt).ReplaceLineEndings("\n");

        var page = DocFiles.Text("docs/trust.md");
        Assert.True(page.Contains("```\n" + rendered + "\n```", StringComparison.Ordinal), "docs/trust.md's prompt should read:\n" + rendered);
    }
}
