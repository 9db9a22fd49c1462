using ChatOps.Core.Failures;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands;

/// <summary>
/// Base of every command: <see cref="Parse"/> (pure: text to arguments or a mistake),
/// <see cref="ExecuteAsync"/> (the only step that calls the I/O seams) and <see cref="Render"/>
/// (pure: result to message). A backend failure that retrying cannot fix is answered here; a
/// transient one propagates so the queue retries.
/// </summary>
public abstract class Command<TArgs, TResult> : ICommand
{
    public abstract CommandInfo Info { get; }

    public abstract ParseResult<TArgs> Parse(string arguments);

    public abstract Task<TResult> ExecuteAsync(TArgs args, CommandContext context, CancellationToken ct = default);

    public abstract ChatReply Render(TResult result);

    /// <summary>The exact effect of running with these arguments, for a confirmation prompt (mrkdwn).
    /// Mutating commands override it with words a reviewer can check.</summary>
    public virtual string Describe(TArgs args) => Info.Summary;

    /// <summary>What access rules may name besides the command (a config target); null = the command only.</summary>
    public virtual string? Scope(TArgs args) => null;

    public CommandInfo InfoFor(string arguments) =>
        Parse(arguments) is { Error: null } parsed && Scope(parsed.Value!) is { } scope ? Info with { Scope = scope } : Info;

    public CommandPreview Preview(string arguments)
    {
        var parsed = Parse(arguments);
        return parsed.Error is { } error
            ? new CommandPreview(null, UsageReply.For(Info, error))
            : new CommandPreview(Describe(parsed.Value!), null);
    }

    public async Task<CommandPreview> PreviewAsync(string arguments, CommandContext context, CancellationToken ct = default)
    {
        var parsed = Parse(arguments);
        return parsed.Error is { } error
            ? new CommandPreview(null, UsageReply.For(Info, error))
            : await PreviewAsync(parsed.Value!, context, ct).ConfigureAwait(false);
    }

    /// <summary>Override when the prompt needs the seams (a mistake here offers nothing for confirmation).</summary>
    protected virtual Task<CommandPreview> PreviewAsync(TArgs args, CommandContext context, CancellationToken ct) =>
        Task.FromResult(new CommandPreview(Describe(args), null));

    public async Task<CommandOutcome> RunAsync(string arguments, CommandContext context, CancellationToken ct = default)
    {
        var parsed = Parse(arguments);
        if (parsed.Error is { } error) return CommandOutcome.Mistake(UsageReply.For(Info, error));
        TResult result;
        try
        {
            result = await ExecuteAsync(parsed.Value!, context, ct).ConfigureAwait(false);
        }
        catch (ServiceFailureException failure) when (failure.Handling != FailureHandling.Retry)
        {
            var reply = FailureReply.For(failure);
            return failure.Handling == FailureHandling.UserMistake ? CommandOutcome.Mistake(reply) : CommandOutcome.Failed(reply);
        }
        var rendered = Render(result);
        if (result is IFailedResult failed) return CommandOutcome.Failed(rendered) with { AuditOutcome = failed.AuditOutcome };
        if (result is ICollectedResult collected) return CommandOutcome.Success(rendered) with { CollectProfile = collected.Profile };
        if (result is IFollowedResult followed) return CommandOutcome.Success(rendered) with { FollowDeploymentId = followed.DeploymentId };
        return result is IUserMistake ? CommandOutcome.Mistake(rendered) : CommandOutcome.Success(rendered);
    }
}
