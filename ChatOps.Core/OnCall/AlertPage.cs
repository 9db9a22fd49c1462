namespace ChatOps.Core.OnCall;

/// <summary>Who an alert group's current episode paged, kept on its record: the schedule, the people and groups paged so
/// far (the on-call person first, then each escalation level), the level reached, and whether every level was tried.</summary>
public sealed record AlertPage(string Schedule, IReadOnlyList<string> Users, IReadOnlyList<string> Groups, int Level, bool Exhausted = false)
{
    /// <summary>Whom the level reached paged, so a rerun of that level DMs the same people.</summary>
    public IReadOnlyList<string> LevelUsers { get; init; } = [];
    public IReadOnlyList<string> LevelGroups { get; init; } = [];
}
