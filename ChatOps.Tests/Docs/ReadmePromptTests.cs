using ChatOps.Core.Confirmations;
using ChatOps.Core.Replies;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Docs;

/// <summary>The confirmation prompt the README shows is the prompt's Block Kit rendered as the shell renders it.</summary>
public sealed class ReadmePromptTests
{
    [Fact]
    public void TheReadmesPrompt_IsTheRenderedPrompt()
    {
        var now = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        var change = new PendingChange("Ev1", "change sampling", "float .1", "U0ALICE", "C0OPS", "T1", now.AddMinutes(10), RequireApproval: true);
        var prompt = ConfirmationPrompt.For(change, "every service will sample 10% of traces", "c1.x.y", now);

        var rendered = PlainTextRenderer.Render(prompt).ReplaceLineEndings("\n");

        var readme = File.ReadAllText(Path.Combine(RepoRoot.Path, "README.md")).ReplaceLineEndings("\n");
        Assert.True(readme.Contains("```\n" + rendered + "\n```", StringComparison.Ordinal), "README's prompt should read:\n" + rendered);
    }
}
