using ChatOps.Core.OnCall;

namespace ChatOps.Tests.OnCall;

public sealed class OnCallSettingsTests
{
    private static IReadOnlyList<string> Problems(OnCallScheduleOptions schedule) =>
        OnCallSettingsCheck.Problems(new OnCallOptions { Schedules = { ["payments"] = schedule } });

    private static OnCallScheduleOptions Good() => new()
    {
        Rotation = "U0ALICE,U0BOB", Handoff = "Mon 09:00", Length = "1w", TimeZone = "Europe/Berlin", Start = "2026-03-02", UserGroup = "S0PAYONCALL",
    };

    [Fact]
    public void AGoodSchedule_HasNoProblems() => Assert.Empty(Problems(Good()));

    [Fact]
    public void EveryBadKey_IsNamed_AtOnce()
    {
        var bad = new OnCallScheduleOptions { Rotation = " , ", Handoff = "Monday at nine", Length = "36h", TimeZone = "Mars/Olympus", Start = "next week" };

        var problems = Problems(bad);

        Assert.Contains(problems, p => p.StartsWith("OnCall__Schedules__payments__Rotation is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OnCall__Schedules__payments__Handoff does not parse", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OnCall__Schedules__payments__Length", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OnCall__Schedules__payments__TimeZone is not a known IANA zone", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OnCall__Schedules__payments__Start", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("alice", "is not a Slack user id")]
    [InlineData("U0ALICE,<!channel>", "is not a Slack user id")]
    public void ARotationEntryThatIsNotAUserId_IsRefused(string rotation, string expected)
    {
        var o = Good();
        o.Rotation = rotation;
        Assert.Contains(Problems(o), p => p.Contains("__Rotation", StringComparison.Ordinal) && p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AWeeklyHandoffOnMonday_NeedsAStartOnAMonday_AndAWholeWeekLength()
    {
        var o = Good();
        o.Start = "2026-03-03";
        o.Length = "3d";
        var problems = Problems(o);
        Assert.Contains(problems, p => p.Contains("__Start is a Tuesday", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("__Length must be whole weeks", StringComparison.Ordinal));
    }

    [Fact]
    public void AUserGroupThatIsNotAnId_IsRefused()
    {
        var o = Good();
        o.UserGroup = "@oncall-payments";
        Assert.Contains(Problems(o), p => p.StartsWith("OnCall__Schedules__payments__UserGroup", StringComparison.Ordinal));
    }
}
