namespace ChatOps.Core.OnCall;

/// <summary>Someone holds a schedule's on-call in place of the rotation from <paramref name="From"/> until
/// <paramref name="Until"/>. The newest override in force wins.</summary>
/// <param name="By">Who asked for it; <paramref name="ConfirmedBy"/> who confirmed it.</param>
public sealed record OnCallOverride(string Id, string Schedule, string User, DateTimeOffset From, DateTimeOffset Until, string By, string? ConfirmedBy,
    DateTimeOffset CreatedAt)
{
    public bool InForce(DateTimeOffset at) => From <= at && at < Until;
}
