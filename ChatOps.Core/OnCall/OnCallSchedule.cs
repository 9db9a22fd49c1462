using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace ChatOps.Core.OnCall;

/// <summary>A checked schedule: who, in which order, handing over when, in which zone.</summary>
/// <param name="FirstShift">The first shift's start, as a wall-clock time in <paramref name="Zone"/>.</param>
public sealed partial record OnCallSchedule(string Name, IReadOnlyList<string> Users, DateTimeZone Zone, LocalDateTime FirstShift, int LengthDays,
    string? UserGroup)
{
    /// <summary>The schedule, or every problem with it, each naming its key.</summary>
    public static (OnCallSchedule? Schedule, IReadOnlyList<string> Problems) Parse(string name, OnCallScheduleOptions o)
    {
        var key = $"OnCall__Schedules__{name}";
        var problems = new List<string>();
        if (!ScheduleName().IsMatch(name)) problems.Add($"{key}: schedule names are letters, digits, '-' and '_' (up to 40)");
        var users = (o.Rotation ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (users.Length == 0) problems.Add($"{key}__Rotation is empty: list Slack user ids in shift order, like U0ALICE,U0BOB");
        foreach (var user in users.Where(u => !UserId().IsMatch(u)))
            problems.Add($"{key}__Rotation: `{Short(user)}` is not a Slack user id (U… or W…)");
        var zone = o.TimeZone is { Length: > 0 } tz ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(tz.Trim()) : null;
        if (zone is null) problems.Add($"{key}__TimeZone {(string.IsNullOrWhiteSpace(o.TimeZone) ? "is missing" : "is not a known IANA zone")} (like Europe/Berlin or UTC)");
        var handoff = ParseHandoff(o.Handoff);
        if (handoff is null) problems.Add($"{key}__Handoff does not parse: write `Mon 09:00` (weekly) or `09:00`");
        var days = ParseLength(o.Length);
        if (days is null) problems.Add($"{key}__Length must be whole days or weeks, like `1d`, `1w` or `2w` (at most 8w)");
        var start = LocalDatePattern.Iso.Parse(o.Start?.Trim() ?? "");
        if (!start.Success) problems.Add($"{key}__Start must be the first shift's date, like 2026-01-05");
        if (handoff is { Day: { } day } && start.Success && start.Value.DayOfWeek != day)
            problems.Add($"{key}__Start is a {start.Value.DayOfWeek} but __Handoff hands over on {day}");
        if (handoff is { Day: not null } && days is { } d && d % 7 != 0)
            problems.Add($"{key}__Length must be whole weeks when __Handoff names a day");
        if (o.UserGroup is { Length: > 0 } group && !GroupId().IsMatch(group.Trim()))
            problems.Add($"{key}__UserGroup must be a user group id (S…)");
        if (problems.Count > 0) return (null, problems);
        var userGroup = string.IsNullOrWhiteSpace(o.UserGroup) ? null : o.UserGroup.Trim();
        return (new OnCallSchedule(name, users, zone!, start.Value.At(handoff!.Value.Time), days!.Value, userGroup), problems);
    }

    private static (IsoDayOfWeek? Day, LocalTime Time)? ParseHandoff(string? text)
    {
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2) return null;
        IsoDayOfWeek? day = null;
        if (parts.Length == 2)
        {
            if (!Enum.GetValues<IsoDayOfWeek>().Skip(1).Any(d => d.ToString().StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) && parts[0].Length >= 3))
                return null;
            day = Enum.GetValues<IsoDayOfWeek>().Skip(1).First(d => d.ToString().StartsWith(parts[0], StringComparison.OrdinalIgnoreCase));
        }
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[^1]);
        return time.Success ? (day, time.Value) : null;
    }

    private static int? ParseLength(string? text)
    {
        var m = Length().Match(text?.Trim() ?? "");
        if (!m.Success) return null;
        var days = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["unit"].Value == "w" ? 7 : 1);
        return days is >= 1 and <= 56 ? days : null;
    }

    private static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";

    [GeneratedRegex(@"^(?<n>\d{1,3})(?<unit>d|w)$")]
    private static partial Regex Length();

    [GeneratedRegex("^[UW][A-Z0-9]{1,30}$")]
    private static partial Regex UserId();

    [GeneratedRegex("^S[A-Z0-9]{1,30}$")]
    private static partial Regex GroupId();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex ScheduleName();
}
