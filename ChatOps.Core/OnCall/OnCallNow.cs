namespace ChatOps.Core.OnCall;

/// <summary>Who holds a schedule at one instant: the rotation's shift, unless an override is in force.</summary>
/// <param name="Shift">The regular shift at that instant; null before the schedule's first shift.</param>
/// <param name="Next">The rotation's next shift (who takes over at the handoff).</param>
public sealed record OnCallNow(OnCallSchedule Schedule, Shift? Shift, OnCallOverride? Override, Shift Next)
{
    /// <summary>The person to page; null before the first shift when no override is in force.</summary>
    public string? User => Override?.User ?? Shift?.User;
}
