using System.Globalization;
using ChatOps.Core.OnCall;
using ChatOps.Core.Replies;
using NodaTime;

namespace ChatOps.Core.Commands.OnCall;

/// <summary>How the `oncall` commands say who is on call: handoff times in the schedule's own zone, people as mentions
/// built from their ids (from configuration, or checked as ids when typed).</summary>
public static class OnCallReplies
{
    public static string Line(OnCallNow now)
    {
        var zone = now.Schedule.Zone.Id;
        var head = $"*{Mrkdwn.Escape(now.Schedule.Name)}* ({Mrkdwn.Escape(zone)})";
        if (now.Override is { } o)
            return $"{head}: {Mrkdwn.User(o.User)} until {Local(o.Until, now.Schedule)} (override set by {Mrkdwn.User(o.By)}), " +
                   $"then the rotation: {Mrkdwn.User(now.Shift is { } s && s.End > o.Until ? s.User : now.Next.User)}";
        if (now.Shift is null)
            return $"{head}: nobody yet; {Mrkdwn.User(now.Next.User)} starts {Local(now.Next.Start, now.Schedule)}";
        return $"{head}: {Mrkdwn.User(now.Shift.User)} until {Local(now.Shift.End, now.Schedule)}, then {Mrkdwn.User(now.Next.User)}";
    }

    public static string Override(OnCallOverride o, OnCallSchedule? schedule) =>
        $"{Mrkdwn.Code(o.Schedule)}: {Mrkdwn.User(o.User)} from {Local(o.From, schedule)} until {Local(o.Until, schedule)}, set by {Mrkdwn.User(o.By)}" +
        (o.ConfirmedBy is { } c && c != o.By ? $", confirmed by {Mrkdwn.User(c)}" : "");

    public static ChatReply UnknownSchedule(string name, IEnumerable<OnCallSchedule> known)
    {
        var names = known.Select(s => Mrkdwn.Code(s.Name)).ToList();
        return ChatReply.Plain($":warning: No on-call schedule is named {Mrkdwn.Code(name)}. " +
                               (names.Count == 0 ? NoneConfigured : $"Schedules: {string.Join(", ", names)}."));
    }

    public const string NoneConfigured = "No on-call schedules are configured (settings `OnCall__Schedules__NAME__Rotation` and the rest; see docs/oncall.md).";

    /// <summary>A person named in a command: a mention only when a rotation in configuration lists them, so a typed id
    /// never becomes markup on its own.</summary>
    public static string Person(string user, OnCallSchedules schedules) => schedules.Knows(user) ? Mrkdwn.User(user) : Mrkdwn.Code(user);

    /// <summary>A time as the schedule's people read it: `Mon 23 Nov 09:00` in its zone (UTC when there is no schedule).</summary>
    public static string Local(DateTimeOffset at, OnCallSchedule? schedule)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(schedule?.Zone ?? DateTimeZone.Utc);
        return local.ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + (schedule is null ? " UTC" : "");
    }
}
