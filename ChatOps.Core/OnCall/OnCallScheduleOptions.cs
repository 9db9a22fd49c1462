namespace ChatOps.Core.OnCall;

/// <summary>One schedule as written in settings; <see cref="OnCallSchedule.Parse"/> turns it into the checked form.</summary>
public sealed class OnCallScheduleOptions
{
    /// <summary>Slack user ids in shift order, comma-separated: U0ALICE,U0BOB.</summary>
    public string? Rotation { get; set; }

    /// <summary>When a shift hands over, in the schedule's zone: `Mon 09:00` (weekly) or `09:00`.</summary>
    public string? Handoff { get; set; }

    /// <summary>How long a shift is, in whole days: `1d`, `1w`, `2w`.</summary>
    public string? Length { get; set; }

    /// <summary>IANA zone the handoff is read in (Europe/Berlin): handoffs stay at 09:00 local across daylight saving.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The date the first shift starts (yyyy-MM-dd), at the handoff time; the first person in the rotation holds it.</summary>
    public string? Start { get; set; }

    /// <summary>A Slack user group (S…) kept holding exactly the person on call.</summary>
    public string? UserGroup { get; set; }
}
