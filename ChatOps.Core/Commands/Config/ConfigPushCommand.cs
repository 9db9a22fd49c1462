using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;

namespace ChatOps.Core.Commands.Config;

/// <summary>`config push &lt;target&gt; &lt;file-id&gt;`: what sharing a file with `push config &lt;target&gt;` becomes. The
/// prompt shows the validation and the diff; Confirm pushes exactly that candidate over exactly that revision.</summary>
public sealed class ConfigPushCommand(IOpsClient ops, ISlackClient slack) : Command<ConfigPushArgs, ConfigPushResult>
{
    private readonly ConfigCandidate _candidate = new(ops, slack);

    public override CommandInfo Info { get; } = new(
        "config push", "<target> <file-id>",
        "Push a configuration file shared in Slack: validated by the target's checker, shown as a diff, written after Confirm.",
        "Share the file in a DM with the bot, or in a channel mentioning it, with the text `push config <target>`. The file is " +
        "reloaded and verified after the write; if that fails, the previous revision is put back. Confirm is refused if the " +
        "file changed since the diff was shown. Access rules may name `config push <target>`.",
        ["config push prometheus-rules F0123ABCD"],
        Mutating: true);

    public override ParseResult<ConfigPushArgs> Parse(string arguments)
    {
        var words = CommandText.Words(arguments);
        if (words.Count is not (2 or 4))
            return ParseResult<ConfigPushArgs>.Fail("Share the file with the text `push config <target>`; `config targets` lists the targets.");
        if (ConfigParsing.TargetProblem(words[0]) is { } problem) return ParseResult<ConfigPushArgs>.Fail(problem);
        if (!ConfigParsing.IsFileId(words[1])) return ParseResult<ConfigPushArgs>.Fail($"{Mrkdwn.Code(words[1])} is not a Slack file id.");
        if (words.Count == 4 && !(ConfigParsing.IsRevision(words[2]) && ConfigParsing.IsRevision(words[3])))
            return ParseResult<ConfigPushArgs>.Fail("The revisions must be 12 hex digits each.");
        return new ConfigPushArgs(words[0], words[1], words.Count == 4 ? words[2] : null, words.Count == 4 ? words[3] : null);
    }

    public override string? Scope(ConfigPushArgs args) => args.Target;

    protected override async Task<CommandPreview> PreviewAsync(ConfigPushArgs args, CommandContext context, CancellationToken ct)
    {
        var (plan, name, refusal) = await _candidate.PlanAsync(args.Target, args.FileId, context, context.Caller(Info.Name), ct).ConfigureAwait(false);
        if (refusal is not null) return new CommandPreview(null, refusal);
        var checkedBy = plan!.Output.Count > 0 ? " (the validator passed it)" : "";
        return new CommandPreview(
            $"push {Mrkdwn.Code(name)} to {Mrkdwn.Code(args.Target)}{checkedBy}: revision {Mrkdwn.Code(plan.CurrentRevision)} → " +
            $"{Mrkdwn.Code(plan.CandidateRevision)}\n{ConfigReplies.Diff(plan.Diff)}", null)
        {
            Arguments = $"{args.Target} {args.FileId} {plan.CandidateRevision} {plan.CurrentRevision}",
            ThreadFile = ConfigReplies.DiffFile(args.Target, plan.Diff),
        };
    }

    public override async Task<ConfigPushResult> ExecuteAsync(ConfigPushArgs args, CommandContext context, CancellationToken ct = default)
    {
        var caller = context.Caller(Info.Name);
        var (candidate, expected) = (args.Candidate, args.Expected);
        if (candidate is null || expected is null)
        {
            // Run without a prompt (the command line): plan now, and push what was planned.
            var (plan, _, refusal) = await _candidate.PlanAsync(args.Target, args.FileId, context, caller, ct).ConfigureAwait(false);
            if (refusal is not null) return new ConfigPushRefused(refusal);
            (candidate, expected) = (plan!.CandidateRevision, plan.CurrentRevision);
        }
        var order = new ConfigPushOrder(args.Target, null, candidate, expected, context.RequestedBy ?? context.UserId, context.UserId);
        return new ConfigPushDone(args.Target, await ops.PushConfigAsync(order, caller, ct).ConfigureAwait(false));
    }

    public override ChatReply Render(ConfigPushResult result) => result switch
    {
        ConfigPushDone done => ConfigReplies.Change(done.Target, done.Change, "Push to"),
        ConfigPushRefused refused => refused.Reply,
        _ => throw new InvalidOperationException(result.GetType().Name),
    };
}
