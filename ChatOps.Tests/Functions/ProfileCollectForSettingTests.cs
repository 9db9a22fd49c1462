using ChatOps.Core.Options;

namespace ChatOps.Tests.Functions;

/// <summary>Worker__ProfileCollectFor is checked at start like every setting, naming its key.</summary>
public sealed class ProfileCollectForSettingTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("2.00:00:00")]
    public void AnUnusableBound_StopsTheAppAtStart_NamingTheKey(string value)
    {
        var problems = SettingsCheck.Worker(new WorkerOptions { ProfileCollectFor = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains("Worker__ProfileCollectFor must be positive and at most a day, like 00:15:00", problems);
    }

    [Fact]
    public void TheDefault_IsFifteenMinutes_AndAccepted()
    {
        var options = new WorkerOptions();

        Assert.Equal(TimeSpan.FromMinutes(15), options.ProfileCollectFor);
        Assert.Empty(SettingsCheck.Worker(options));
    }
}
