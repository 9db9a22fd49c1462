using ChatOps.OpsService.Profiles;
using ChatOps.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>Profiles of one service are limited over time, not only one at a time: at most MaxPerHour started in any
/// hour, the refusal saying when the next may start; the hour slides with the clock, and a retried request (the same
/// request id) is the same profile, not one more.</summary>
public sealed class ProfileRateLimitTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 14, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private readonly HttpClient _http = new();
    private ProfileTarget _target = null!;
    private ProfileCaptures _captures = null!;

    public async Task InitializeAsync()
    {
        _target = await ProfileTarget.StartAsync();
        var options = new ProfileOptions();
        options.Services["good"] = new ProfileSourceOptions { Url = _target.Url + "/good", MaxPerHour = 2 };
        options.Services["other"] = new ProfileSourceOptions { Url = _target.Url + "/good", MaxPerHour = 2 };
        _captures = new ProfileCaptures(options, new ProfileFetcher(_http), _clock, NullLogger<ProfileCaptures>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _captures.DisposeAsync();
        await _target.DisposeAsync();
        _http.Dispose();
    }

    private async Task<ProfileStart> TakeAsync(string service, string requestId)
    {
        var start = _captures.Start(new ProfileOrder(service, "heap", 0, "U0ALICE", requestId));
        if (start.Capture is { } capture) await capture.Work;
        return start;
    }

    [Fact]
    public async Task ThePerHourAllowance_IsRefusedWithWhenTheNextCanStart_AndFreesAsTheHourSlides()
    {
        Assert.NotNull((await TakeAsync("good", "r1")).Capture);
        _clock.Now = Start.AddMinutes(20);
        Assert.NotNull((await TakeAsync("good", "r2")).Capture);
        _clock.Now = Start.AddMinutes(40);

        var refused = await TakeAsync("good", "r3");

        Assert.Null(refused.Capture);
        Assert.Equal("good has had 2 profiles in the last hour, the most it allows (OpsService__Profiles__Services__good__MaxPerHour); " +
                     "the next can start at 15:00:00 UTC", refused.Refusal);
        Assert.NotNull((await TakeAsync("other", "r4")).Capture);

        _clock.Now = Start.AddMinutes(60);
        Assert.NotNull((await TakeAsync("good", "r5")).Capture);
        Assert.Null((await TakeAsync("good", "r6")).Capture);
    }

    [Fact]
    public async Task ARetriedRequest_AtTheLimit_IsTheSameProfile_NotRefused()
    {
        var first = (await TakeAsync("good", "r1")).Capture!;
        Assert.NotNull((await TakeAsync("good", "r2")).Capture);

        var again = await TakeAsync("good", "r1");

        Assert.Equal(first.Id, again.Capture?.Id);
    }

    [Fact]
    public void MaxPerHour_OutOfRange_StopsTheServiceAtStart_NamingTheKey()
    {
        var options = new ProfileOptions();
        options.Services["good"] = new ProfileSourceOptions { Url = "http://checkout:6060/debug/pprof", MaxPerHour = 0 };

        Assert.Contains("OpsService__Profiles__Services__good__MaxPerHour must be between 1 and 3600", ProfileSettings.Problems(options));
    }
}
