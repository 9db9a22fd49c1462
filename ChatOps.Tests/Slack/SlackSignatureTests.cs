using System.Text;
using ChatOps.Core.Slack;

namespace ChatOps.Tests.Slack;

public sealed class SlackSignatureTests
{
    // Computed outside .NET, with Python's hmac module, for secret "test-secret-123" and timestamp 1700000000.
    private const string Body = "{\"token\":\"x\",\"text\":\"caf\u00e9 \\/ <@U0BOT> help\"}";
    private const string ExpectedSignature = "v0=99232d0edfbf3b8fefa521821343ca256279784d93a0ff84ada2b8cad425f986";
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    public void KnownVector_FromAnIndependentImplementation_Verifies()
    {
        var check = SlackSignature.Verify("test-secret-123", "1700000000", ExpectedSignature, Encoding.UTF8.GetBytes(Body), At.AddSeconds(30));

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Theory]
    [InlineData(null, SignatureCheck.NoSecretConfigured)]
    [InlineData("", SignatureCheck.NoSecretConfigured)]
    [InlineData("another-secret", SignatureCheck.Mismatch)]
    public void WrongOrMissingSecret_IsRejected(string? secret, SignatureCheck expected)
    {
        Assert.Equal(expected, SlackSignature.Verify(secret, "1700000000", ExpectedSignature, Encoding.UTF8.GetBytes(Body), At));
    }

    [Theory]
    [InlineData(-301, SignatureCheck.StaleTimestamp)]
    [InlineData(301, SignatureCheck.StaleTimestamp)]
    [InlineData(-299, SignatureCheck.Valid)]
    [InlineData(299, SignatureCheck.Valid)]
    public void TimestampWindow_IsFiveMinutesEitherWay(int secondsFromNow, SignatureCheck expected)
    {
        Assert.Equal(expected, SlackSignature.Verify("test-secret-123", "1700000000", ExpectedSignature,
            Encoding.UTF8.GetBytes(Body), At.AddSeconds(-secondsFromNow)));
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-5")]
    [InlineData("99999999999999999999999")]
    public void GarbageTimestamp_IsRejected_NotThrown(string timestamp)
    {
        Assert.NotEqual(SignatureCheck.Valid, SlackSignature.Verify("s", timestamp, "v0=00", [], At));
    }

    [Fact]
    public void UppercaseHexOrAnotherVersion_IsAMismatch()
    {
        var bytes = Encoding.UTF8.GetBytes(Body);
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify("test-secret-123", "1700000000", ExpectedSignature.ToUpperInvariant(), bytes, At));
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify("test-secret-123", "1700000000", ExpectedSignature.Replace("v0=", "v1="), bytes, At));
    }
}
