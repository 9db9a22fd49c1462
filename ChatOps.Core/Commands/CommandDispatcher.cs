using ChatOps.Core.Environments;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands;

/// <summary>
/// Runs one line of text: the matching command, `help` for an empty line, and exactly one
/// last-resort reply for text no command claims.
/// </summary>
public sealed class CommandDispatcher(CommandRegistry registry, EnvironmentCatalog? environments = null)
{
    public const string HelpName = "help";

    public CommandRegistry Registry => registry;

    /// <summary>The environments commands run against; null where there is only the one Ops service (tests, tools).</summary>
    public EnvironmentCatalog? Environments => environments;

    public Task<CommandOutcome> RunAsync(string text, CommandContext context, CancellationToken ct = default)
    {
        // The environment first, for every command alike: its env= never reaches the command's own parser.
        if (environments is not null)
        {
            var choice = EnvironmentChoice.For(environments, text, context.ChannelId, context.Environment?.Name);
            if (choice.Mistake is { } mistake) return Task.FromResult(CommandOutcome.Mistake(mistake));
            (text, context) = (choice.Text, context with { Environment = choice.Environment });
        }
        var line = string.IsNullOrWhiteSpace(text) ? HelpName : text.Trim();
        if (registry.Match(line) is { } match) return RunAllowedAsync(match.Command, match.Arguments, context, ct);
        return Task.FromResult(CommandOutcome.Mistake(Unknown(line)));
    }

    /// <summary>Runs a command whose confirmation was just clicked: no second prompt. The caller has
    /// already checked that the clicking user may run it.</summary>
    public Task<CommandOutcome> RunConfirmedAsync(ICommand command, string arguments, CommandContext context, CancellationToken ct = default) =>
        command.RunAsync(arguments, context with { Confirmations = null }, ct);

    /// <summary>The command a line names, by exact name (a confirmation carries the name it was asked under).</summary>
    public ICommand? Find(string name) =>
        registry.All.FirstOrDefault(c => string.Equals(c.Info.Name, name, StringComparison.OrdinalIgnoreCase));

    private static async Task<CommandOutcome> RunAllowedAsync(ICommand command, string arguments, CommandContext context, CancellationToken ct)
    {
        if (await context.RefusalAsync(command.InfoFor(arguments), ct).ConfigureAwait(false) is { } refusal)
            return CommandOutcome.Refused(ChatReply.Plain(":no_entry: " + refusal));
        // A change to production is only described here; it runs when someone allowed clicks Confirm.
        if (command.Info.Mutating && context.Confirmations is { } gate)
            return await gate.AskAsync(command, arguments, context, ct).ConfigureAwait(false);
        return await command.RunAsync(arguments, context, ct).ConfigureAwait(false);
    }

    private ChatReply Unknown(string line)
    {
        var shown = Mrkdwn.Code(line.Length > 80 ? line[..80] + "…" : line);
        var suggestion = registry.Suggest(line) is { } info ? $" Did you mean {Mrkdwn.Code(Corrected(line, info))}?" : "";
        return ChatReply.Plain($"I don't know the command {shown}.{suggestion} Type {Mrkdwn.Code(HelpName)} to see what I can do.");
    }

    /// <summary>The line with its command name corrected and its arguments kept (`grpah scrapes` → `graph scrapes`), so
    /// the suggestion can be typed as it stands.</summary>
    private static string Corrected(string line, CommandInfo info)
    {
        var rest = string.Join(' ', CommandText.Words(line).Skip(CommandText.Words(info.Name).Count));
        var corrected = rest.Length == 0 ? info.Name : $"{info.Name} {rest}";
        return corrected.Length > 80 ? corrected[..80] + "…" : corrected;
    }
}
