using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Config;

/// <summary>`config rollback &lt;target&gt; [&lt;revision&gt;]`: puts a kept revision back, reloaded and verified like a push.</summary>
public sealed class ConfigRollbackCommand(IOpsClient ops) : Command<ConfigRollbackArgs, (string Target, ConfigChangeResult Result)>
{
    public override CommandInfo Info { get; } = new(
        "config rollback", "<target> [<revision>]",
        "Put a configuration file back to an earlier revision (by default the one the last change replaced).",
        "The prompt shows the diff; Confirm is refused if the file changed since. Access rules may name `config rollback <target>`.",
        ["config rollback prometheus-rules", "config rollback prometheus-rules 3f2a9c1b7d4e"],
        Mutating: true);

    public override ParseResult<ConfigRollbackArgs> Parse(string arguments)
    {
        var words = CommandText.Words(arguments);
        if (words.Count == 0) return ParseResult<ConfigRollbackArgs>.Fail("Roll back which target? Like `config rollback prometheus-rules`.");
        if (ConfigParsing.TargetProblem(words[0]) is { } problem) return ParseResult<ConfigRollbackArgs>.Fail(problem);
        foreach (var revision in words.Skip(1))
            if (!ConfigParsing.IsRevision(revision))
                return ParseResult<ConfigRollbackArgs>.Fail($"{Mrkdwn.Code(revision)} is not a revision (12 hex digits, as `config history` shows them).");
        return words.Count switch
        {
            1 => new ConfigRollbackArgs(words[0], null, null),
            2 => new ConfigRollbackArgs(words[0], words[1], null),
            3 => new ConfigRollbackArgs(words[0], words[1], words[2]),
            _ => ParseResult<ConfigRollbackArgs>.Fail($"`config rollback` takes a target and at most one revision; got {Mrkdwn.Code(arguments.Trim())}."),
        };
    }

    public override string? Scope(ConfigRollbackArgs args) => args.Target;

    protected override async Task<CommandPreview> PreviewAsync(ConfigRollbackArgs args, CommandContext context, CancellationToken ct)
    {
        var plan = await ops.RollbackConfigAsync(new ConfigRollbackOrder(args.Target, args.Revision, null, context.UserId, ""), planOnly: true,
            context.Caller(Info.Name), ct).ConfigureAwait(false);
        if (plan.Outcome != "planned") return new CommandPreview(null, ConfigReplies.Change(args.Target, plan, "Rollback of"));
        return new CommandPreview(
            $"roll {Mrkdwn.Code(args.Target)} back from revision {Mrkdwn.Code(plan.Previous)} to {Mrkdwn.Code(plan.Revision)}\n{ConfigReplies.Diff(plan.Diff)}", null)
        {
            // Confirm goes to exactly this revision, over exactly the content the diff was made against.
            Arguments = $"{args.Target} {plan.Revision} {plan.Previous}",
            ThreadFile = ConfigReplies.DiffFile(args.Target, plan.Diff),
        };
    }

    public override async Task<(string Target, ConfigChangeResult Result)> ExecuteAsync(ConfigRollbackArgs args, CommandContext context, CancellationToken ct = default)
    {
        var order = new ConfigRollbackOrder(args.Target, args.Revision, args.Expected, context.RequestedBy ?? context.UserId, context.UserId);
        return (args.Target, await ops.RollbackConfigAsync(order, planOnly: false, context.Caller(Info.Name), ct).ConfigureAwait(false));
    }

    public override ChatReply Render((string Target, ConfigChangeResult Result) result) => ConfigReplies.Change(result.Target, result.Result, "Rollback of");
}
