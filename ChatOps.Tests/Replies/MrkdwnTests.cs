using ChatOps.Core.Confirmations;
using ChatOps.Core.Replies;
using ChatOps.Core.Worker;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Replies;

/// <summary>Markup the code means to make is built from checked ids and URLs; anything else is shown, not obeyed.</summary>
public sealed class MrkdwnTests
{
    private const string Evil = "<!channel>";

    [Theory]
    [InlineData("U0ALICE", "<@U0ALICE>")]
    [InlineData("W0ENTERPRISE", "<@W0ENTERPRISE>")]
    [InlineData("U1><!channel", "`U1&gt;&lt;!channel`")]
    [InlineData("!here", "`!here`")]
    [InlineData("", "``")]
    public void User_IsAMentionOnlyForAUserId(string id, string expected) => Assert.Equal(expected, Mrkdwn.User(id));

    [Theory]
    [InlineData("C0INCIDENT", "<#C0INCIDENT>")]
    [InlineData("C1|x><!here", "`C1|x&gt;&lt;!here`")]
    public void Channel_IsALinkOnlyForAChannelId(string id, string expected) => Assert.Equal(expected, Mrkdwn.Channel(id));

    [Theory]
    [InlineData("S0ONCALL", "<!subteam^S0ONCALL>")]
    [InlineData("S0><!channel", "`S0&gt;&lt;!channel`")]
    public void Group_IsAMentionOnlyForAGroupId(string id, string expected) => Assert.Equal(expected, Mrkdwn.Group(id));

    [Theory]
    [InlineData("https://jaeger.example.net/trace/abc", "Open <it>", "<https://jaeger.example.net/trace/abc|Open &lt;it&gt;>")]
    [InlineData("https://x.example/a|<!channel>", "l", "<https://x.example/a%7C%3C!channel%3E|l>")]
    [InlineData("javascript:alert(1)", "l<!here>", "l&lt;!here&gt;")]
    [InlineData("not a url", "l", "l")]
    public void Link_TakesOnlyHttpUrls_AndEscapesTheLabel(string url, string label, string expected) =>
        Assert.Equal(expected, Mrkdwn.Link(url, label));

    [Fact]
    public void PoisonNotice_ShowsTheCommandAndAnOddUserIdEscaped()
    {
        var envelope = Envelopes.Mention($"alerts team={Evil}") with { UserId = "U1>" + Evil, Id = Evil };

        var reply = PoisonNotifier.Message(envelope);

        var shown = reply.Text + ((SectionBlock)reply.Blocks[0]).Mrkdwn;
        Assert.DoesNotContain("<!channel", shown);
        Assert.DoesNotContain("<@", shown);
        Assert.Contains("`alerts team=&lt;!channel&gt;`", reply.Text);
    }

    [Fact]
    public void ConfirmationPrompt_ShowsTheCommandLineEscaped_AndMentionsTheRequester()
    {
        var change = new PendingChange("cmd-1", "change sampling", Evil, "U0ALICE", "C0INCIDENT", "T0001", DateTimeOffset.UtcNow.AddMinutes(5), true);

        var reply = ConfirmationPrompt.For(change, "every service will sample all traces", "token", DateTimeOffset.UtcNow);

        Assert.DoesNotContain("<!channel", reply.Text + string.Join("", reply.Blocks.OfType<SectionBlock>().Select(b => b.Mrkdwn)));
        Assert.StartsWith(":lock: <@U0ALICE> wants to run `change sampling &lt;!channel&gt;`", reply.Text);
    }
}
