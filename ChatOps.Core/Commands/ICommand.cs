using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands;

/// <summary>A registered command. Implement it through <see cref="Command{TArgs,TResult}"/>, which
/// keeps parsing, execution and rendering apart.</summary>
public interface ICommand
{
    CommandInfo Info { get; }

    Task<CommandOutcome> RunAsync(string arguments, CommandContext context, CancellationToken ct = default);
}

/// <summary>The reply to send and whether the user made a mistake (which the `ask` exit code reports).</summary>
public sealed record CommandOutcome(ChatReply Reply, bool IsUserMistake)
{
    public static CommandOutcome Success(ChatReply reply) => new(reply, false);

    public static CommandOutcome Mistake(ChatReply reply) => new(reply, true);
}
