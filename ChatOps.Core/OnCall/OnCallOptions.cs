namespace ChatOps.Core.OnCall;

/// <summary>Section "OnCall": the rotations alerts page, by name (OnCall__Schedules__payments__Rotation …).</summary>
public sealed class OnCallOptions
{
    public const string Section = "OnCall";

    public Dictionary<string, OnCallScheduleOptions> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
