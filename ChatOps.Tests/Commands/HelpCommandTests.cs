using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Help;
using ChatOps.Core.Replies;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Commands;

/// <summary>Help is generated from the registry, so every registered command appears with its own text.</summary>
public sealed class HelpCommandTests
{
    private static readonly ExplodingCommand Exploding = new();
    private static readonly CommandRegistry Registry = new([new HelpCommand(), Exploding]);
    private static readonly CommandDispatcher Dispatcher = new(Registry);
    private static readonly CommandContext Context = new("c1", "U1", "C1", null, Registry);

    [Fact]
    public async Task Help_ListsEveryRegisteredCommand_WithUsageAndSummary()
    {
        var outcome = await Dispatcher.RunAsync("help", Context);

        foreach (var command in Registry.All)
        {
            Assert.Contains(Mrkdwn.Code(command.Info.Usage), outcome.Reply.Text);
            Assert.Contains(command.Info.Summary, outcome.Reply.Text);
        }
    }

    [Fact]
    public async Task HelpForOneCommand_ShowsItsUsageAndExamples()
    {
        var outcome = await Dispatcher.RunAsync("help help", Context);

        var text = PlainTextRenderer.Render(outcome.Reply);
        Assert.Contains("`help [command]`", text);
        Assert.Contains("`help list traces`", text);
        Assert.False(outcome.IsUserMistake);
    }

    [Fact]
    public async Task HelpForAnUnknownCommand_IsAMistake_WithASuggestion()
    {
        var outcome = await Dispatcher.RunAsync("help explod", Context);

        Assert.True(outcome.IsUserMistake);
        Assert.Equal("There is no command `explod`. Did you mean `explode`? Type `help` for the list.", outcome.Reply.Text);
    }
}
