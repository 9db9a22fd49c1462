namespace ChatOps.Core.OnCall;

/// <summary>One regular shift of a schedule: the <paramref name="Index"/>-th since its start, held by <paramref name="User"/>.</summary>
public sealed record Shift(string Schedule, int Index, string User, DateTimeOffset Start, DateTimeOffset End);
