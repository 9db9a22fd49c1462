using ChatOps.Core.Options;

namespace ChatOps.Tests.Functions;

/// <summary>The trust settings are checked at start, by key name, never echoing a value.</summary>
public sealed class TrustSettingsTests
{
    [Fact]
    public void AMutatingRule_WithoutAKey_StopsTheServingApp()
    {
        var problems = SettingsCheck.Confirmations(new ConfirmationOptions(), serving: true, mutatingAllowed: true);

        Assert.StartsWith("Confirmations__HmacKey is missing", Assert.Single(problems));
    }

    [Fact]
    public void NoMutatingRule_NeedsNoKey_AndTheCommandLineNeverDoes()
    {
        Assert.Empty(SettingsCheck.Confirmations(new ConfirmationOptions(), serving: true, mutatingAllowed: false));
        Assert.Empty(SettingsCheck.Confirmations(new ConfirmationOptions { HmacKey = "<placeholder>" }, serving: false, mutatingAllowed: true));
    }

    [Theory]
    [InlineData("short-key-123", "too short")]
    [InlineData("<any long random string, e.g. openssl rand -base64 48>", "placeholder")]
    public void AWeakOrSampleKey_IsRefused_WithoutShowingIt(string key, string why)
    {
        var problem = Assert.Single(SettingsCheck.Confirmations(new ConfirmationOptions { HmacKey = key }, serving: true, mutatingAllowed: true));

        Assert.Contains(why, problem);
        Assert.DoesNotContain(key, problem);
    }

    [Fact]
    public void Limits_OutOfRange_AreNamed()
    {
        var problems = SettingsCheck.Limits(new LimitOptions { MaxBodyBytes = 10, MaxCommandLength = 5, CommandsPerMinute = -1, MaxConcurrentOpsCalls = 0 });

        Assert.Equal(["Limits__MaxBodyBytes", "Limits__MaxCommandLength", "Limits__CommandsPerMinute", "Limits__MaxConcurrentOpsCalls"],
            problems.Select(p => p.Split(' ')[0]).ToArray());
        Assert.Empty(SettingsCheck.Limits(new LimitOptions()));
    }
}
