using NodaTime;

namespace ChatOps.Core.OnCall;

/// <summary>
/// Who is on call at an instant, computed, never stored: pure functions of the schedule, the overrides and the time
/// asked about. Shifts are counted in the schedule's zone by calendar days, so a 09:00 handoff stays at 09:00 local
/// across a daylight-saving change (that shift is an hour shorter or longer). A handoff in a spring-forward gap happens the
/// gap's length later (02:30 becomes 03:30); one in an autumn overlap takes the earlier of the two.
/// </summary>
public static class Rotation
{
    public static OnCallNow At(OnCallSchedule schedule, DateTimeOffset at, IEnumerable<OnCallOverride> overrides)
    {
        var shift = ShiftAt(schedule, at);
        var next = ShiftNumber(schedule, shift?.Index + 1 ?? 0);
        var inForce = overrides.Where(o => string.Equals(o.Schedule, schedule.Name, StringComparison.OrdinalIgnoreCase) && o.InForce(at))
            .OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id, StringComparer.Ordinal).FirstOrDefault();
        return new OnCallNow(schedule, shift, inForce, next);
    }

    /// <summary>The regular shift holding <paramref name="at"/>; null before the first.</summary>
    public static Shift? ShiftAt(OnCallSchedule schedule, DateTimeOffset at)
    {
        var instant = Instant.FromDateTimeOffset(at);
        var local = instant.InZone(schedule.Zone).LocalDateTime;
        var days = Period.Between(schedule.FirstShift.Date, local.Date, PeriodUnits.Days).Days;
        var index = (int)Math.Floor(days / (double)schedule.LengthDays);
        if (StartOf(schedule, index) > instant) index--;
        return index < 0 ? null : ShiftNumber(schedule, index);
    }

    /// <summary>The person after <paramref name="user"/> in the rotation; null when the rotation has nobody else.</summary>
    public static string? After(OnCallSchedule schedule, string user)
    {
        var at = schedule.Users.ToList().IndexOf(user);
        for (var step = 1; step <= schedule.Users.Count; step++)
        {
            var candidate = schedule.Users[(at + step) % schedule.Users.Count];
            if (candidate != user) return candidate;
        }
        return null;
    }

    private static Shift ShiftNumber(OnCallSchedule schedule, int index) => new(schedule.Name, index, schedule.Users[index % schedule.Users.Count],
        StartOf(schedule, index).ToDateTimeOffset(), StartOf(schedule, index + 1).ToDateTimeOffset());

    private static Instant StartOf(OnCallSchedule schedule, int index) =>
        schedule.Zone.AtLeniently(schedule.FirstShift.PlusDays(index * schedule.LengthDays)).ToInstant();
}
