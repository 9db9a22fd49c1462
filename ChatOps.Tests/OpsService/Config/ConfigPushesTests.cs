using System.Net;
using System.Text;
using ChatOps.OpsService.Config;

namespace ChatOps.Tests.OpsService.Config;

public sealed class ConfigPushesTests
{
    private readonly ConfigFixture _f = new();

    [Fact]
    public async Task Plan_OfAValidCandidate_ShowsAUnifiedDiff_AndWritesNothing()
    {
        var before = _f.Current;
        var plan = await _f.Pushes.PlanAsync(_f.Target, ConfigFixture.RulesWith("DiskFull"), default);
        Assert.Null(plan.Problem);
        Assert.Equal(_f.CurrentRevision, plan.CurrentRevision);
        Assert.Contains("--- rules (current)", plan.Diff);
        Assert.Contains("+++ rules (new)", plan.Diff);
        Assert.Contains("+      - alert: DiskFull", plan.Diff);
        Assert.Equal(before, _f.Current);
        Assert.Empty(_f.Owner.ContentAtReloads);
        Assert.Empty(_f.Leftovers());
    }

    [Fact]
    public async Task Push_WritesTheCandidate_ReloadsVerifies_AndKeepsThePreviousRevisionWithWhoAndTheDiff()
    {
        var previous = _f.CurrentRevision;
        var candidate = ConfigFixture.RulesWith("DiskFull");
        var plan = await _f.Pushes.PlanAsync(_f.Target, candidate, default);
        var result = await _f.Pushes.PushAsync(_f.Target, null, plan.CandidateRevision, plan.CurrentRevision, ConfigFixture.Alice, default);

        Assert.Equal("applied", result.Outcome);
        Assert.Equal(Encoding.UTF8.GetString(candidate), _f.Current);
        Assert.Equal([Encoding.UTF8.GetString(candidate)], _f.Owner.ContentAtReloads);
        Assert.Contains("verify: prometheus_config_last_reload_successful = 1", result.Output);
        var record = Assert.Single(await _f.Pushes.HistoryAsync(_f.Target, 10, default));
        Assert.Equal((plan.CandidateRevision, previous, "U0ALICE", "U0BOB"), (record.Revision, record.Previous, record.RequestedBy, record.ConfirmedBy));
        Assert.Contains("+      - alert: DiskFull", record.Diff);
        Assert.Empty(_f.Leftovers());
    }

    [Fact]
    public async Task Push_ThatTheValidatorRejects_SaysWhyWithItsOutput_AndWritesNothing()
    {
        var before = _f.Current;
        var broken = Encoding.UTF8.GetBytes(ConfigFixture.Rules.Replace("vector(1)", "rate(http_requests_total[5m]"));
        var plan = await _f.Pushes.PlanAsync(_f.Target, broken, default);
        Assert.StartsWith("the validator `promtool` refused it (exit 1)", plan.Problem);
        Assert.Contains(plan.Output, l => l.Contains("unclosed left parenthesis"));

        var result = await _f.Pushes.PushAsync(_f.Target, broken, "", _f.CurrentRevision, ConfigFixture.Alice, default);
        Assert.Equal("refused", result.Outcome);
        Assert.Contains(result.Output, l => l.Contains("unclosed left parenthesis"));
        Assert.Equal(before, _f.Current);
        Assert.Empty(_f.Owner.ContentAtReloads);
        Assert.Empty(await _f.Pushes.HistoryAsync(_f.Target, 10, default));
        Assert.Empty(_f.Leftovers());
    }

    [Fact]
    public async Task Push_WhoseVerificationStaysZero_RestoresThePreviousRevision_ReloadsIt_AndSaysSo()
    {
        var before = _f.Current;
        var previous = _f.CurrentRevision;
        _f.Owner.VerifyValue = "0";
        var result = await _f.Pushes.PushAsync(_f.Target, ConfigFixture.RulesWith("DiskFull"), "", previous, ConfigFixture.Alice, default);

        Assert.Equal("restored", result.Outcome);
        Assert.Equal(previous, result.Revision);
        Assert.Contains(result.Output, l => l.StartsWith("verify: prometheus_config_last_reload_successful did not become 1 within 1 s (last: 0)"));
        Assert.Contains("restored: the previous revision is back and reloaded", result.Output);
        Assert.Equal(before, _f.Current);
        Assert.Equal(before, _f.Owner.ContentAtReloads.Last());
        Assert.Equal(2, _f.Owner.ContentAtReloads.Count);
        Assert.Equal("restored", Assert.Single(await _f.Pushes.HistoryAsync(_f.Target, 10, default)).Outcome);
    }

    [Fact]
    public async Task Push_WhoseReloadFails_RestoresThePreviousRevision_WithTheOwnersAnswer()
    {
        var before = _f.Current;
        _f.Owner.ReloadStatus = HttpStatusCode.InternalServerError;
        _f.Owner.ReloadBody = "failed to reload config: bad rule";
        var result = await _f.Pushes.PushAsync(_f.Target, ConfigFixture.RulesWith("DiskFull"), "", _f.CurrentRevision, ConfigFixture.Alice, default);

        Assert.Equal("restored", result.Outcome);
        Assert.Contains("POST http://owner.test/-/reload: HTTP 500", result.Output);
        Assert.Contains("failed to reload config: bad rule", result.Output);
        Assert.Contains("restored: the previous revision is back, but its reload failed too", result.Output);
        Assert.Equal(before, _f.Current);
    }

    [Fact]
    public async Task Push_OverARevisionThatIsNoLongerCurrent_IsRefused_NamingWhoChangedIt()
    {
        var shown = _f.CurrentRevision;
        var first = await _f.Pushes.PushAsync(_f.Target, ConfigFixture.RulesWith("First"), "", shown, ConfigFixture.Alice, default);
        Assert.Equal("applied", first.Outcome);
        var afterFirst = _f.Current;

        var second = await _f.Pushes.PushAsync(_f.Target, ConfigFixture.RulesWith("Second"), "", shown, new ConfigRequester("U0CAROL", "U0CAROL"), default);
        Assert.Equal("refused", second.Outcome);
        Assert.Contains($"it was revision {shown}, it is now {first.Revision} by U0BOB at", second.Refusal);
        Assert.Contains("nothing was written", second.Refusal);
        Assert.Equal(afterFirst, _f.Current);
    }

    [Fact]
    public async Task TwoPushesRacingOnOneRevision_OneWins_TheOtherIsToldWhy()
    {
        var shown = _f.CurrentRevision;
        var pushes = await Task.WhenAll(
            _f.Pushes.PushAsync(_f.Target, ConfigFixture.RulesWith("Left"), "", shown, ConfigFixture.Alice, default),
            _f.Pushes.PushAsync(_f.Target, ConfigFixture.RulesWith("Right"), "", shown, ConfigFixture.Alice, default));
        Assert.Single(pushes, p => p.Outcome == "applied");
        var loser = Assert.Single(pushes, p => p.Outcome == "refused");
        Assert.Contains("changed since the diff was shown", loser.Refusal);
        var winner = pushes.Single(p => p.Outcome == "applied");
        Assert.Equal(winner.Revision, _f.CurrentRevision);
        Assert.Single(await _f.Pushes.HistoryAsync(_f.Target, 10, default));
    }

    [Fact]
    public async Task Rollback_PutsBackTheRevisionTheLastPushReplaced_AndReloads()
    {
        var original = _f.Current;
        var originalRevision = _f.CurrentRevision;
        await _f.Pushes.PushAsync(_f.Target, ConfigFixture.RulesWith("DiskFull"), "", originalRevision, ConfigFixture.Alice, default);

        var plan = await _f.Pushes.PlanRollbackAsync(_f.Target, null, default);
        Assert.Equal(("planned", originalRevision), (plan.Outcome, plan.Revision));
        Assert.Contains("-      - alert: DiskFull", plan.Diff);

        var result = await _f.Pushes.RollbackAsync(_f.Target, null, null, ConfigFixture.Alice, default);
        Assert.Equal(("applied", originalRevision), (result.Outcome, result.Revision));
        Assert.Equal(original, _f.Current);
        Assert.Equal(original, _f.Owner.ContentAtReloads.Last());
        Assert.Equal(["rollback", "push"], (await _f.Pushes.HistoryAsync(_f.Target, 10, default)).Select(r => r.Action));
    }

    [Fact]
    public async Task Rollback_WithNoEarlierRevision_IsRefused()
    {
        var result = await _f.Pushes.RollbackAsync(_f.Target, null, null, ConfigFixture.Alice, default);
        Assert.Equal(("refused", "rules has no earlier revision to roll back to"), (result.Outcome, result.Refusal));
    }

    [Fact]
    public async Task PushOfAPlannedRevisionThatWasNeverPlanned_IsRefused()
    {
        var result = await _f.Pushes.PushAsync(_f.Target, null, "0123456789ab", _f.CurrentRevision, ConfigFixture.Alice, default);
        Assert.Equal("there is no planned revision 0123456789ab of rules; drop the file again", result.Refusal);
    }

    [Fact]
    public void SamplingFile_IsABuiltInJsonTarget()
    {
        var sampling = _f.Targets.Find("jaeger-sampling");
        Assert.NotNull(sampling);
        Assert.Equal((ConfigFormat.Json, Path.Combine(_f.Folder, "sampling.json")), (sampling.Format, sampling.Path));
    }
}
