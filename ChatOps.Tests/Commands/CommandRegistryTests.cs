using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Help;
using ChatOps.Core.Replies;

namespace ChatOps.Tests.Commands;

public sealed class CommandRegistryTests
{
    private sealed class Named(string name) : Command<string, string>
    {
        public override CommandInfo Info { get; } = new(name, "[x]", $"does {name}", "", [name]);

        public override ParseResult<string> Parse(string arguments) => arguments;

        public override Task<string> ExecuteAsync(string args, CommandContext context, CancellationToken ct = default) =>
            Task.FromResult($"{name}({args})");

        public override ChatReply Render(string result) => ChatReply.Plain(result);
    }

    private static readonly CommandRegistry Registry = new(
        [new HelpCommand(), new Named("list traces"), new Named("list graph shortcuts"), new Named("list"), new Named("show trace")]);

    [Theory]
    [InlineData("list traces limit=5", "list traces", "limit=5")]
    [InlineData("LIST   Traces  limit=5", "list traces", "limit=5")]
    [InlineData("list graph shortcuts", "list graph shortcuts", "")]
    [InlineData("list something", "list", "something")]
    [InlineData("show trace 17b4f65b0d9f038e2a7bc5ea84309af2", "show trace", "17b4f65b0d9f038e2a7bc5ea84309af2")]
    [InlineData("help list traces", "help", "list traces")]
    public void Match_TakesTheLongestCommandName(string text, string expected, string arguments)
    {
        var match = Registry.Match(text);

        Assert.NotNull(match);
        Assert.Equal(expected, match.Value.Command.Info.Name);
        Assert.Equal(arguments, match.Value.Arguments);
    }

    [Theory]
    [InlineData("lst traces", "list traces")]
    [InlineData("lsit traces", "list traces")]
    [InlineData("shwo trace abc", "show trace")]
    [InlineData("hlep", "help")]
    public void Suggest_FindsTheClosestCommand(string text, string expected)
    {
        Assert.Equal(expected, Registry.Suggest(text)?.Name);
    }

    [Theory]
    [InlineData("deploy everything now")]
    [InlineData("what is the weather")]
    public void Suggest_OffersNothingForUnrelatedText(string text)
    {
        Assert.Null(Registry.Suggest(text));
    }

    [Fact]
    public void RegisteringANameTwice_FailsAtStart()
    {
        Assert.Throws<ArgumentException>(() => new CommandRegistry([new Named("alerts"), new Named("Alerts")]));
    }

    [Fact]
    public async Task Dispatcher_AnswersEmptyTextWithHelp_AndUnknownTextWithASuggestion()
    {
        var dispatcher = new CommandDispatcher(Registry);
        var context = new CommandContext("c1", "U1", "C1", null, Registry);

        var empty = await dispatcher.RunAsync("  ", context);
        var unknown = await dispatcher.RunAsync("lst traces service=api", context);

        Assert.False(empty.IsUserMistake);
        Assert.Contains("list traces [x]", empty.Reply.Text);
        Assert.True(unknown.IsUserMistake);
        Assert.Equal("I don't know the command `lst traces service=api`. Did you mean `list traces service=api`? Type `help` to see what I can do.", unknown.Reply.Text);
    }

    [Fact]
    public async Task ParseErrors_AreRepliesWithTheUsage_NotExceptions()
    {
        var strict = new StrictCommand();
        var registry = new CommandRegistry([strict]);
        var outcome = await new CommandDispatcher(registry).RunAsync("strict nope", new CommandContext("c", "U", "C", null, registry));

        Assert.True(outcome.IsUserMistake);
        Assert.Equal("I expected a number, got `nope`.\nUsage: `strict &lt;n&gt;`\nExample: `strict 5`", outcome.Reply.Text);
        Assert.False(strict.Executed);
    }

    private sealed class StrictCommand : Command<int, int>
    {
        public bool Executed { get; private set; }

        public override CommandInfo Info { get; } = new("strict", "<n>", "needs a number", "", ["strict 5"]);

        public override ParseResult<int> Parse(string arguments) =>
            int.TryParse(arguments, out var n) ? n : ParseResult<int>.Fail($"I expected a number, got `{arguments}`.");

        public override Task<int> ExecuteAsync(int args, CommandContext context, CancellationToken ct = default)
        {
            Executed = true;
            return Task.FromResult(args);
        }

        public override ChatReply Render(int result) => ChatReply.Plain(result.ToString());
    }
}
