using ChatOps.Tests.Support;

namespace ChatOps.Tests.Security;

/// <summary>xunit runs collections that disable parallelization after all the parallel ones, so this
/// test sees the log lines of every other test in the run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AfterAllOtherTests
{
    public const string Name = "after all other tests";
}

/// <summary>Secrets never reach a log line: the bot token, the signing secret, the button HMAC key, the
/// function key in the host's URL and the Ops service token, scanned in everything the run logged.</summary>
[Collection(AfterAllOtherTests.Name)]
public sealed class SecretsInLogsTests
{
    private static readonly (string Name, string Value)[] Secrets =
    [
        ("Slack bot token", SlackRequests.BotToken),
        ("Slack signing secret", SlackRequests.Secret),
        ("button HMAC key", SlackRequests.HmacKey),
        ("function key (?code=)", "function-key-secret"),
        ("Ops service token", "ops-secret-42"),
        ("Alertmanager webhook token", AlertPayloads.Token),
    ];

    [Fact]
    public void NoLogLineOfTheWholeRun_HoldsASecret()
    {
        var lines = TestLogs.All.ToList();
        var leaks = lines
            .SelectMany(line => Secrets.Where(s => line.Contains(s.Value, StringComparison.Ordinal)).Select(s => $"{s.Name}: {line}"))
            .Take(10)
            .ToList();

        Assert.True(leaks.Count == 0, "secrets in logs:\n" + string.Join('\n', leaks));
    }

    [Fact]
    public void TheScanSawTheRun_NotAnEmptyCapture()
    {
        // Run alone (a filtered run) there is nothing to scan; in the full run these prove the capture reached
        // the apps, the function classes, the audit trail and the Ops service.
        var lines = TestLogs.All.ToList();
        if (lines.Count == 0) return;
        Assert.Contains(lines, l => l.StartsWith("[ChatOps.Audit]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[ChatOps.Functions.Functions.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[ChatOps.OpsService", StringComparison.Ordinal));
        Assert.True(lines.Count > 500, $"only {lines.Count} log lines captured");
    }
}
