using ChatOps.Core.OnCall;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OnCall;

/// <summary>Who is on call, asked through the roster with a clock the test moves: across a handoff, across a
/// daylight-saving change in the schedule's zone, with an override in force and after it ends.</summary>
public sealed class RotationTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-03-02T12:00:00Z"));
    private readonly MemoryOnCallOverrides _overrides = new();

    /// <summary>Weekly on Mondays at 09:00 Berlin time, from Monday 2 March 2026: Alice, Bob, Carol, Alice, Bob…</summary>
    private OnCallRoster Roster(string handoff = "Mon 09:00", string length = "1w", string zone = "Europe/Berlin", string start = "2026-03-02") =>
        new(new OnCallSchedules(new OnCallOptions
        {
            Schedules = { ["payments"] = new OnCallScheduleOptions { Rotation = "U0ALICE, U0BOB,U0CAROL", Handoff = handoff, Length = length, TimeZone = zone, Start = start } },
        }), _overrides, _clock);

    private async Task<string?> WhoAt(string utc, OnCallRoster? roster = null)
    {
        _clock.Now = DateTimeOffset.Parse(utc);
        return (await (roster ?? Roster()).NowAsync("payments"))!.User;
    }

    [Fact]
    public async Task AcrossAHandoff_TheNextPersonTakesOverAtTheHandoffTime_InTheSchedulesZone()
    {
        // 09:00 in Berlin in March (before the change) is 08:00 UTC.
        Assert.Equal("U0ALICE", await WhoAt("2026-03-09T07:59:59Z"));
        Assert.Equal("U0BOB", await WhoAt("2026-03-09T08:00:00Z"));
        Assert.Equal("U0CAROL", await WhoAt("2026-03-16T08:00:00Z"));
        Assert.Equal("U0ALICE", await WhoAt("2026-03-23T08:00:00Z"));
    }

    [Fact]
    public async Task AcrossADaylightSavingChange_TheHandoffStaysAtNineLocal_SoItMovesAnHourInUtc()
    {
        // Berlin moves to summer time on Sunday 29 March 2026: Monday's 09:00 is then 07:00 UTC, not 08:00.
        Assert.Equal("U0ALICE", await WhoAt("2026-03-30T06:59:00Z"));
        Assert.Equal("U0BOB", await WhoAt("2026-03-30T07:00:00Z"));
        var now = (await Roster().NowAsync("payments"))!;
        Assert.Equal(DateTimeOffset.Parse("2026-03-30T07:00:00Z"), now.Shift!.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-04-06T07:00:00Z"), now.Shift.End);
        // The shift that held the change was an hour short.
        _clock.Now = DateTimeOffset.Parse("2026-03-29T12:00:00Z");
        var held = (await Roster().NowAsync("payments"))!.Shift!;
        Assert.Equal(TimeSpan.FromDays(7) - TimeSpan.FromHours(1), held.End - held.Start);
        // And back in October: 09:00 is 08:00 UTC again from Monday 26 October.
        Assert.Equal(await WhoAt("2026-10-26T07:59:00Z"), (await WhoAt("2026-10-19T08:00:00Z")));
        Assert.NotEqual(await WhoAt("2026-10-26T07:59:00Z"), await WhoAt("2026-10-26T08:00:00Z"));
    }

    [Fact]
    public async Task ADailyHandoffInsideTheSpringForwardGap_HappensAGapLater_NeverSkipped()
    {
        // New York skips 02:00-03:00 on 8 March 2026; that day's 02:30 handoff happens at 03:30 EDT (07:30 UTC).
        var roster = Roster(handoff: "02:30", length: "1d", zone: "America/New_York", start: "2026-03-01");
        Assert.Equal("U0ALICE", await WhoAt("2026-03-08T07:29:00Z", roster));
        Assert.Equal("U0BOB", await WhoAt("2026-03-08T07:30:00Z", roster));
        // And the next day is back at 02:30 local (06:30 UTC).
        Assert.Equal("U0CAROL", await WhoAt("2026-03-09T06:30:00Z", roster));
    }

    [Fact]
    public async Task AnOverride_HoldsTheScheduleWhileInForce_AndTheRotationComesBackWhenItEnds()
    {
        await _overrides.SaveAsync(new OnCallOverride("o1", "payments", "U0DAVE", DateTimeOffset.Parse("2026-03-10T10:00:00Z"),
            DateTimeOffset.Parse("2026-03-10T18:00:00Z"), "U0BOB", "U0CAROL", DateTimeOffset.Parse("2026-03-10T09:00:00Z")));

        Assert.Equal("U0BOB", await WhoAt("2026-03-10T09:59:59Z"));
        Assert.Equal("U0DAVE", await WhoAt("2026-03-10T10:00:00Z"));
        Assert.Equal("U0DAVE", await WhoAt("2026-03-10T17:59:59Z"));
        Assert.Equal("U0BOB", await WhoAt("2026-03-10T18:00:00Z"));
    }

    [Fact]
    public async Task BeforeTheFirstShift_NobodyIsOnCall_AndTheFirstPersonIsNext()
    {
        _clock.Now = DateTimeOffset.Parse("2026-03-02T07:00:00Z");
        var now = (await Roster().NowAsync("payments"))!;
        Assert.Null(now.User);
        Assert.Equal("U0ALICE", now.Next.User);
        Assert.Equal(DateTimeOffset.Parse("2026-03-02T08:00:00Z"), now.Next.Start);
    }

    [Fact]
    public void TheNextPersonInTheRotation_WrapsAround_AndIsNeverTheSamePerson()
    {
        var schedule = new OnCallSchedules(new OnCallOptions
        {
            Schedules = { ["solo"] = new OnCallScheduleOptions { Rotation = "U0ALICE", Handoff = "09:00", Length = "1d", TimeZone = "UTC", Start = "2026-01-01" } },
        }).Find("solo")!;
        Assert.Null(Rotation.After(schedule, "U0ALICE"));
        var three = OnCallSchedule.Parse("p", new OnCallScheduleOptions { Rotation = "U0A,U0B,U0C", Handoff = "09:00", Length = "1d", TimeZone = "UTC", Start = "2026-01-01" }).Schedule!;
        Assert.Equal("U0A", Rotation.After(three, "U0C"));
        Assert.Equal("U0A", Rotation.After(three, "U0OTHER"));
    }
}
