using System.Security.Cryptography;
using System.Text;
using ChatOps.Core.OnCall;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.OnCall;

/// <summary>`oncall override &lt;schedule&gt; &lt;@user&gt; until &lt;time&gt;`: someone holds a schedule from now until then.
/// Changes who is paged, so it goes through the access policy (which may name `oncall override &lt;schedule&gt;`) and the
/// confirmation, and the worker audits it like every command.</summary>
public sealed class OnCallOverrideCommand(OnCallSchedules schedules, IOnCallOverrides overrides, TimeProvider clock)
    : Command<OnCallOverrideArgs, OnCallReply>
{
    public override CommandInfo Info { get; } = new(
        "oncall override", "<schedule> <@user> until <time>",
        "Put someone on call for a schedule from now until a time.",
        $"`until` takes {OnCallOverrideArgs.UntilAccepted}. Alerts routed to the schedule page that person while it is in force; " +
        "`oncall overrides` lists them.",
        ["oncall override payments @U0CAROL until 8h"], Mutating: true);

    public override ParseResult<OnCallOverrideArgs> Parse(string arguments) => OnCallOverrideArgs.Parse(arguments, clock.GetUtcNow(), untilRequired: true);

    public override string? Scope(OnCallOverrideArgs args) => args.Schedule;

    public override string Describe(OnCallOverrideArgs args) =>
        $"{OnCallReplies.Person(args.User, schedules)} will be on call for {Mrkdwn.Code(args.Schedule)} from now until " +
        OnCallReplies.Local(args.Until!.Value, schedules.Find(args.Schedule));

    public override Task<OnCallReply> ExecuteAsync(OnCallOverrideArgs args, CommandContext context, CancellationToken ct = default) =>
        Save(schedules, overrides, clock, args.Schedule, args.User, args.Until!.Value, context, ct);

    /// <summary>Stores the override under an id made from the command's id, so a retried confirmation stores one.</summary>
    internal static async Task<OnCallReply> Save(OnCallSchedules schedules, IOnCallOverrides overrides, TimeProvider clock, string name, string user,
        DateTimeOffset until, CommandContext context, CancellationToken ct)
    {
        if (schedules.Find(name) is not { } schedule) return new OnCallMistake(OnCallReplies.UnknownSchedule(name, schedules.All));
        if (!schedules.Knows(user))
            return new OnCallMistake(ChatReply.Plain($":warning: {Mrkdwn.Code(user)} is in no on-call rotation, so I will not page them. " +
                                                     "Add them to a schedule's `Rotation` setting first."));
        var now = clock.GetUtcNow();
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.CommandId)))[..20];
        var by = context.RequestedBy ?? context.UserId;
        var entry = new OnCallOverride(id, schedule.Name, user, now, until, by, context.RequestedBy is null ? null : context.UserId, now);
        await overrides.SaveAsync(entry, ct).ConfigureAwait(false);
        return new OnCallReply(ChatReply.Plain($":pager: {Mrkdwn.User(user)} is on call for {Mrkdwn.Code(schedule.Name)} until " +
                                               $"{OnCallReplies.Local(until, schedule)} ({Mrkdwn.Escape(schedule.Zone.Id)})."));
    }

    public override ChatReply Render(OnCallReply result) => result.Reply;
}
