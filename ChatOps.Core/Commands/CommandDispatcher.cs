using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands;

/// <summary>
/// Runs one line of text: the matching command, `help` for an empty line, and exactly one
/// last-resort reply for text no command claims.
/// </summary>
public sealed class CommandDispatcher(CommandRegistry registry)
{
    public const string HelpName = "help";

    public CommandRegistry Registry => registry;

    public Task<CommandOutcome> RunAsync(string text, CommandContext context, CancellationToken ct = default)
    {
        var line = string.IsNullOrWhiteSpace(text) ? HelpName : text.Trim();
        if (registry.Match(line) is { } match) return RunAllowedAsync(match.Command, match.Arguments, context, ct);
        return Task.FromResult(CommandOutcome.Mistake(Unknown(line)));
    }

    private static async Task<CommandOutcome> RunAllowedAsync(ICommand command, string arguments, CommandContext context, CancellationToken ct)
    {
        if (await context.RefusalAsync(command.Info, ct).ConfigureAwait(false) is { } refusal)
            return CommandOutcome.Refused(ChatReply.Plain(":no_entry: " + refusal));
        return await command.RunAsync(arguments, context, ct).ConfigureAwait(false);
    }

    private ChatReply Unknown(string line)
    {
        var shown = Mrkdwn.Code(line.Length > 80 ? line[..80] + "…" : line);
        var suggestion = registry.Suggest(line) is { } info ? $" Did you mean {Mrkdwn.Code(info.Name)}?" : "";
        return ChatReply.Plain($"I don't know the command {shown}.{suggestion} Type {Mrkdwn.Code(HelpName)} to see what I can do.");
    }
}
