using ChatOps.Core.OnCall;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.OnCall;

/// <summary>`oncall overrides`: the overrides in force or still to come, newest first.</summary>
public sealed class OnCallOverridesCommand(OnCallSchedules schedules, IOnCallOverrides overrides, TimeProvider clock) : Command<string, OnCallReply>
{
    public override CommandInfo Info { get; } = new(
        "oncall overrides", "",
        "The on-call overrides in force or still to come.",
        "Set one with `oncall override` or `oncall swap`; each ends by itself at its end time.",
        ["oncall overrides"]);

    public override ParseResult<string> Parse(string arguments) =>
        arguments.Trim().Length == 0 ? "" : ParseResult<string>.Fail("`oncall overrides` takes no arguments");

    public override async Task<OnCallReply> ExecuteAsync(string args, CommandContext context, CancellationToken ct = default)
    {
        if (schedules.All.Count == 0) return new OnCallReply(ChatReply.Plain(OnCallReplies.NoneConfigured));
        var kept = (await overrides.ListAsync(clock.GetUtcNow(), ct).ConfigureAwait(false)).OrderByDescending(o => o.CreatedAt).ToList();
        return new OnCallReply(ChatReply.Plain(kept.Count == 0 ? "No on-call overrides are in force or planned."
            : ":pager: On-call overrides\n" + string.Join("\n", kept.Select(o => "• " + OnCallReplies.Override(o, schedules.Find(o.Schedule))))));
    }

    public override ChatReply Render(OnCallReply result) => result.Reply;
}
