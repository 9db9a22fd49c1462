using ChatOps.Core.OnCall;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.OnCall;

/// <summary>`oncall swap &lt;schedule&gt; &lt;@user&gt;`: someone takes the current shift over until its handoff (an override that
/// ends where the shift does). Mutating, like `oncall override`.</summary>
public sealed class OnCallSwapCommand(OnCallSchedules schedules, IOnCallOverrides overrides, TimeProvider clock)
    : Command<OnCallOverrideArgs, OnCallReply>
{
    public override CommandInfo Info { get; } = new(
        "oncall swap", "<schedule> <@user>",
        "Hand the current on-call shift of a schedule to someone until its handoff.",
        "The rotation itself does not change: at the handoff the next person in it takes over as planned.",
        ["oncall swap payments @U0CAROL"], Mutating: true);

    public override ParseResult<OnCallOverrideArgs> Parse(string arguments)
    {
        var parsed = OnCallOverrideArgs.Parse(arguments, clock.GetUtcNow(), untilRequired: false);
        return parsed.Error is null && parsed.Value!.Until is not null ? ParseResult<OnCallOverrideArgs>.Fail("a swap lasts until the handoff: give no `until` (or use `oncall override`)") : parsed;
    }

    public override string? Scope(OnCallOverrideArgs args) => args.Schedule;

    public override string Describe(OnCallOverrideArgs args) => schedules.Find(args.Schedule) is { } schedule && Rotation.ShiftAt(schedule, clock.GetUtcNow()) is { } shift
        ? $"{OnCallReplies.Person(args.User, schedules)} will take {Mrkdwn.Code(schedule.Name)} over from {Mrkdwn.User(shift.User)} until the handoff, " +
          OnCallReplies.Local(shift.End, schedule)
        : $"{OnCallReplies.Person(args.User, schedules)} will take {Mrkdwn.Code(args.Schedule)} over until the handoff";

    public override Task<OnCallReply> ExecuteAsync(OnCallOverrideArgs args, CommandContext context, CancellationToken ct = default)
    {
        var schedule = schedules.Find(args.Schedule);
        var shift = schedule is null ? null : Rotation.ShiftAt(schedule, clock.GetUtcNow());
        if (schedule is not null && shift is null)
            return Task.FromResult<OnCallReply>(new OnCallMistake(ChatReply.Plain($":warning: {Mrkdwn.Code(schedule.Name)} has not started yet: nothing to swap.")));
        return OnCallOverrideCommand.Save(schedules, overrides, clock, args.Schedule, args.User, shift?.End ?? clock.GetUtcNow(), context, ct);
    }

    public override ChatReply Render(OnCallReply result) => result.Reply;
}
