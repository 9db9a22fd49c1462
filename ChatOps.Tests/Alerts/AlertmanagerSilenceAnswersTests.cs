using System.Diagnostics;
using ChatOps.Core.Alerts;
using ChatOps.Core.Failures;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Alerts;

/// <summary>What Debian's Alertmanager answers about silences, as the bot tells it: ending a silence that already
/// ended or never existed is said at once, not retried as if Alertmanager were down.</summary>
public sealed class AlertmanagerSilenceAnswersTests
{
    [Fact]
    public async Task EndingAnExpiredOrUnknownSilence_IsAnsweredAtOnce_AsSuch()
    {
        await using var alertmanager = await RealAlertmanager.StartAsync("http://127.0.0.1:1/api/alertmanager", AlertPayloads.Token);
        await using var ops = await OpsServiceHost.StartAsync("http://127.0.0.1:1", "http://127.0.0.1:1", ("OpsService:AlertmanagerUrl", alertmanager.Url));
        var caller = new OpsCaller("U0ONCALL", AlertPayloads.Channel, "unsilence");
        var now = DateTimeOffset.UtcNow;
        var id = await ops.Client().CreateSilenceAsync(new SilenceRequest([new LabelMatcher("alertname", "Gone", false, true)], now, now.AddHours(1),
            "U0ONCALL", "test"), caller);
        await ops.Client().ExpireSilenceAsync(id, caller);

        var clock = Stopwatch.StartNew();
        var expired = await Assert.ThrowsAnyAsync<ServiceFailureException>(() => ops.Client().ExpireSilenceAsync(id, caller));
        var unknown = await Assert.ThrowsAnyAsync<ServiceFailureException>(() => ops.Client().ExpireSilenceAsync("0f0e0d0c-1111-2222-3333-444455556666", caller));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Contains("already expired", expired.UserMessage);
        Assert.NotEqual(FailureHandling.Retry, expired.Handling);
        Assert.Contains("not found", unknown.UserMessage);
        Assert.NotEqual(FailureHandling.Retry, unknown.Handling);
    }
}
