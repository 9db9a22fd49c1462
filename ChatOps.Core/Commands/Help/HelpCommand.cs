using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Help;

/// <summary>`help` lists every command from the registry; `help &lt;command&gt;` shows one in full.</summary>
public sealed class HelpCommand(Environments.EnvironmentCatalog? environments = null) : Command<HelpArgs, HelpResult>
{
    public override CommandInfo Info { get; } = new(
        CommandDispatcher.HelpName,
        "[command]",
        "List what I can do, or explain one command.",
        "Without an argument, lists every command. With a command name, shows its grammar, details and examples.",
        ["help", "help list traces"]);

    public override ParseResult<HelpArgs> Parse(string arguments) => new HelpArgs(arguments.Trim());

    public override Task<HelpResult> ExecuteAsync(HelpArgs args, CommandContext context, CancellationToken ct = default)
    {
        var registry = context.Registry;
        if (args.Topic.Length == 0) return AllowedAsync(context, ct);
        if (registry.Match(args.Topic) is { } match) return Task.FromResult<HelpResult>(new HelpResult.One(match.Command.Info));
        return Task.FromResult<HelpResult>(new HelpResult.NoSuchCommand(args.Topic, registry.Suggest(args.Topic)));
    }

    /// <summary>Only the commands this caller may run: help must not advertise what will be refused.</summary>
    private async Task<HelpResult> AllowedAsync(CommandContext context, CancellationToken ct)
    {
        var allowed = new List<CommandInfo>();
        foreach (var command in context.Registry.All)
            if (await context.RefusalAsync(command.Info, ct).ConfigureAwait(false) is null) allowed.Add(command.Info);
        return new HelpResult.All(allowed) { Environments = EnvironmentsNote(context) };
    }

    private string? EnvironmentsNote(CommandContext context)
    {
        if (environments is not { MarksReplies: true } catalog) return null;
        var here = context.Environment ?? catalog.ForChannel(context.ChannelId);
        var names = string.Join(", ", catalog.All.Select(e => Mrkdwn.Code("env=" + e.Name)));
        return $"Commands here run against {Mrkdwn.Code(here.Name)}. Add {Mrkdwn.Code("env=<name>")} to any command to run it against another " +
               $"environment: {names}.";
    }

    public override ChatReply Render(HelpResult result) => result switch
    {
        HelpResult.All all => HelpRenderer.List(all.Commands, all.Environments),
        HelpResult.One one => HelpRenderer.Detail(one.Command),
        HelpResult.NoSuchCommand none => HelpRenderer.NoSuchCommand(none.Topic, none.Suggestion),
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}

public sealed record HelpArgs(string Topic);

public abstract record HelpResult
{
    public sealed record All(IReadOnlyList<CommandInfo> Commands) : HelpResult
    {
        /// <summary>The <c>env=</c> line, when there are environments to choose from.</summary>
        public string? Environments { get; init; }
    }

    public sealed record One(CommandInfo Command) : HelpResult;

    public sealed record NoSuchCommand(string Topic, CommandInfo? Suggestion) : HelpResult, IUserMistake;
}
