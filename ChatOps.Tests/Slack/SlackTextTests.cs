using ChatOps.Core.Slack;

namespace ChatOps.Tests.Slack;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("<@UBOT> help", "UBOT", "help")]
    [InlineData("please <@UBOT|chatops> help", "UBOT", "please  help")]
    [InlineData("<@UBOT> <@UBOT> help", "UBOT", "help")]
    [InlineData("<@UOTHER> help", null, "help")]
    [InlineData("help <@UOTHER>", null, "help <@UOTHER>")]
    public void StripBotMention_RemovesOnlyTheBot(string text, string? bot, string expected)
    {
        Assert.Equal(expected, SlackText.StripBotMention(text, bot));
    }

    [Theory]
    [InlineData("graph query=rate(x[5m]) &gt; 0", "graph query=rate(x[5m]) > 0")]
    [InlineData("a &amp;&amp; b &lt;c&gt;", "a && b <c>")]
    [InlineData("see <https://grafana.example.com/d/abc|grafana.example.com/d/abc>", "see https://grafana.example.com/d/abc")]
    [InlineData("list traces tags=[\u201Chttp.status:500\u201D]", "list traces tags=[\"http.status:500\"]")]
    [InlineData("it\u2019s\u00A0down", "it's down")]
    public void ToPlain_UndoesSlackFormatting(string text, string expected)
    {
        Assert.Equal(expected, SlackText.ToPlain(text));
    }
}
