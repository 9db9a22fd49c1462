using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands;

/// <summary>A registered command. Implement it through <see cref="Command{TArgs,TResult}"/>, which
/// keeps parsing, execution and rendering apart.</summary>
public interface ICommand
{
    CommandInfo Info { get; }

    Task<CommandOutcome> RunAsync(string arguments, CommandContext context, CancellationToken ct = default);

    /// <summary>Parses without running: the exact change a confirmation asks about, or the usage
    /// reply when the arguments are wrong (then nothing is offered for confirmation).</summary>
    CommandPreview Preview(string arguments);

    /// <summary>The same, for a prompt that needs to ask the seams first (the version running now); a
    /// preview that finds the change impossible returns a mistake, and nothing is offered.</summary>
    Task<CommandPreview> PreviewAsync(string arguments, CommandContext context, CancellationToken ct = default);

    /// <summary>The command as access rules see it for these arguments: with its scope (a config target) when it has one,
    /// so a rule can name `config push prometheus-rules` as well as `config push`.</summary>
    CommandInfo InfoFor(string arguments);
}

/// <summary>What running a command would do (<see cref="Summary"/>, mrkdwn), or why it cannot run (<see cref="Mistake"/>).</summary>
public sealed record CommandPreview(string? Summary, ChatReply? Mistake)
{
    /// <summary>The arguments the confirmation carries instead of the typed ones, when the prompt pins what it showed
    /// (the revision a diff was made against), so Confirm runs exactly that.</summary>
    public string? Arguments { get; init; }

    /// <summary>What the prompt showed of the world (a deployment's newest id, the version running), carried signed with
    /// the confirmation and handed back at Confirm (<see cref="CommandContext.Expected"/>), so the command can refuse
    /// when the world changed since; the command alone reads it.</summary>
    public string? Expected { get; init; }

    /// <summary>A file the prompt's thread gets after the prompt (the whole of a diff the prompt shows only the start of);
    /// it goes beside the prompt, not in it, so the prompt keeps its buttons.</summary>
    public ReplyFile? ThreadFile { get; init; }
}

/// <summary>The reply to send, and what kind of answer it is (the `ask` exit code reports it).</summary>
public sealed record CommandOutcome(ChatReply Reply, OutcomeKind Kind)
{
    /// <summary>The audit outcome when it is more specific than <see cref="Kind"/>'s (see <see cref="IFailedResult"/>).</summary>
    public string? AuditOutcome { get; init; }

    /// <summary>A deployment the command started, for the worker to follow to its end.</summary>
    public string? FollowDeploymentId { get; init; }

    /// <summary>A profile the command started, for the worker to collect and post in the thread once it is in.</summary>
    public ChatOps.Core.Ops.Model.ProfileInfo? CollectProfile { get; init; }

    /// <summary>A file to upload in the reply's thread once the reply is posted (see <see cref="CommandPreview.ThreadFile"/>).</summary>
    public ReplyFile? ThreadFile { get; init; }

    public bool IsUserMistake => Kind == OutcomeKind.UserMistake;

    public static CommandOutcome Success(ChatReply reply) => new(reply, OutcomeKind.Success);

    public static CommandOutcome Mistake(ChatReply reply) => new(reply, OutcomeKind.UserMistake);

    public static CommandOutcome Failed(ChatReply reply) => new(reply, OutcomeKind.Failed);

    public static CommandOutcome Refused(ChatReply reply) => new(reply, OutcomeKind.Refused);

    public static CommandOutcome AwaitingConfirmation(ChatReply reply) => new(reply, OutcomeKind.AwaitingConfirmation);
}

public enum OutcomeKind
{
    Success,

    /// <summary>The user's input was wrong; the reply says what was expected.</summary>
    UserMistake,

    /// <summary>A backend failed in a way retrying cannot fix; the reply says so.</summary>
    Failed,

    /// <summary>The caller may not run the command (access policy or a limit); nothing was executed.</summary>
    Refused,

    /// <summary>A mutating command was parsed and offered for confirmation; nothing was executed yet.</summary>
    AwaitingConfirmation,
}
