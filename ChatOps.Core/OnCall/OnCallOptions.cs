namespace ChatOps.Core.OnCall;

/// <summary>Section "OnCall": the rotations alerts page, by name (OnCall__Schedules__payments__Rotation …).</summary>
public sealed class OnCallOptions
{
    public const string Section = "OnCall";

    /// <summary>The blob container of the overrides (OnCall__Container): outside the dedupe container, whose storage rule
    /// deletes blobs after a week while an override may last a month.</summary>
    public string Container { get; set; } = "chatops-oncall";

    public Dictionary<string, OnCallScheduleOptions> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
