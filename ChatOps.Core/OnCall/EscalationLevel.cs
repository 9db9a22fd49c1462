namespace ChatOps.Core.OnCall;

/// <summary>One level of a route's escalation after the on-call person: the next person in the rotation, whoever is on
/// call in another schedule, or a user group.</summary>
public sealed record EscalationLevel(EscalationTarget Target, string? Name)
{
    /// <summary>The levels of `__EscalateTo`, or the first entry that is none of the three.</summary>
    public static (IReadOnlyList<EscalationLevel> Levels, string? Problem) ParseList(string? text, OnCallOptions schedules)
    {
        var levels = new List<EscalationLevel>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("next", StringComparison.OrdinalIgnoreCase)) levels.Add(new(EscalationTarget.NextInRotation, null));
            else if (part.Length > 1 && part[0] == 'S' && part.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))) levels.Add(new(EscalationTarget.UserGroup, part));
            else if (schedules.Schedules.ContainsKey(part)) levels.Add(new(EscalationTarget.Schedule, part));
            else return ([], $"`{(part.Length > 40 ? part[..40] + "…" : part)}` is neither `next`, a schedule under OnCall__Schedules, nor a user group id (S…)");
        }
        return (levels, null);
    }
}

public enum EscalationTarget
{
    NextInRotation,
    Schedule,
    UserGroup,
}
