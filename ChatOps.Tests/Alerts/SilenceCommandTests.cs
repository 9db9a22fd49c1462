using ChatOps.Core.Alerts;
using ChatOps.Core.Commands.Silences;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Alerts;

public sealed class SilenceCommandTests
{
    [Theory]
    [InlineData("alertname=HighErrorRate for 2h", "alertname=HighErrorRate", 120, null)]
    [InlineData("service=checkout, severity=~warn.* for 30m because deploy in progress", "service=checkout,severity=~warn.*", 30, "deploy in progress")]
    [InlineData("alertname=\"Disk full\" instance!=db-1 for 1d", "alertname=Disk full,instance!=db-1", 1440, null)]
    public void Silence_ParsesMatchersDurationAndReason(string text, string matchers, int minutes, string? reason)
    {
        var parsed = SilenceArgs.Parse(text);

        Assert.Null(parsed.Error);
        Assert.Equal(matchers, parsed.Value!.MatchersText);
        Assert.Equal(TimeSpan.FromMinutes(minutes), parsed.Value.Duration);
        Assert.Equal(reason, parsed.Value.Reason);
    }

    [Theory]
    [InlineData("alertname=X", "How long?")]
    [InlineData("for 2h", "Silence what?")]
    [InlineData("alertname for 2h", "is not a matcher")]
    [InlineData("alertname=X for soon", "`soon` is not a duration")]
    [InlineData("alertname=X for 31d", "30 days at most")]
    [InlineData("alertname=~.* for 1h", "nearly everything")]
    [InlineData("alertname=X for 1h because", "needs a reason")]
    public void Silence_MistakesAreExplained(string text, string why)
    {
        Assert.Contains(why, SilenceArgs.Parse(text).Error);
    }

    [Fact]
    public void SilenceAndUnsilence_AreMutating_SilencesIsNot()
    {
        var ops = new FakeOpsClient();
        Assert.True(new SilenceCommand(ops, TimeProvider.System).Info.Mutating);
        Assert.True(new UnsilenceCommand(ops).Info.Mutating);
        Assert.False(new SilencesCommand(ops, TimeProvider.System).Info.Mutating);
    }

    [Fact]
    public void Silences_ShowsWhoUntilAndWhich_SoonestFirst()
    {
        var now = DateTimeOffset.Parse("2026-12-01T12:00:00Z");
        var reply = new SilencesCommand(new FakeOpsClient(), TimeProvider.System).Render(new SilenceList(
        [
            new SilenceInfo("b-2", [new LabelMatcher("service", "checkout", false, true)], now, now.AddHours(4), "U0ONCALL", "deploy <!here>", "active"),
            new SilenceInfo("a-1", [new LabelMatcher("alertname", "Disk", true, false)], now, now.AddHours(1), "amtool", "", "active"),
            new SilenceInfo("c-3", [new LabelMatcher("x", "y", false, true)], now, now.AddHours(-1), "U0ONCALL", "", "expired"),
        ], now));

        Assert.StartsWith("*2 active silences*\n• `a-1` `alertname!~Disk` until 2026-12-01 13:00:00 UTC by `amtool`", reply.Text);
        Assert.Contains("`b-2` `service=checkout` until 2026-12-01 16:00:00 UTC by <@U0ONCALL> – deploy &lt;!here&gt;", reply.Text);
        Assert.DoesNotContain("c-3", reply.Text);
    }

    [Fact]
    public async Task TypedSilence_AsksForConfirmation_AndConfirmingCreatesIt()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var ops = new FakeOpsClient();
        await using var app = await TestApp.StartAsync(slack, new Dictionary<string, string>
        {
            ["Access:Rules:0:Commands"] = "silence", ["Access:Rules:0:Users"] = "U0USER1,U0USER2",
        }, s => s.AddSingleton<IOpsClient>(ops));

        Assert.Equal(200, await app.InvokeWorkerAsync(Envelopes.Mention("silence alertname=HighErrorRate for 2h because fixing it")));
        var prompt = Assert.Single(slack.CallsTo("chat.postMessage"));
        Assert.Empty(ops.Calls);
        var confirm = prompt.Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray()
            .Single(e => (string?)e!["action_id"] == "chatops.confirm")!;
        var form = SlackRequests.BlockActions("chatops.confirm", (string)confirm["value"]!, "U0USER2", responseUrl: slack.ResponseUrl("c1"));
        var click = await app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));
        Assert.Equal(200, await app.InvokeWorkerAsync(click.Message!.ToJsonString(), messageId: "confirm-1"));

        var request = (SilenceRequest)Assert.Single(ops.Calls, c => c.Method == "CreateSilence").Request!;
        Assert.StartsWith("fixing it", request.Comment);
        Assert.Equal(TimeSpan.FromHours(2), request.EndsAt - request.StartsAt);
        Assert.Contains(":mute: Silenced `alertname=HighErrorRate`", Assert.Single(slack.CallsTo("response_url")).Str("text"));
    }

    [Fact]
    public async Task TypedSilence_ConfirmedBySomeoneElse_IsCreatedAsTheRequester_NamingTheConfirmer()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var ops = new FakeOpsClient();
        await using var app = await TestApp.StartAsync(slack, new Dictionary<string, string>
        {
            ["Access:Rules:0:Commands"] = "silence", ["Access:Rules:0:Users"] = "U0USER1,U0USER2",
        }, s => s.AddSingleton<IOpsClient>(ops));
        Assert.Equal(200, await app.InvokeWorkerAsync(Envelopes.Mention("silence alertname=HighErrorRate for 2h because fixing it")));
        var confirm = Assert.Single(slack.CallsTo("chat.postMessage")).Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!
            .AsArray().Single(e => (string?)e!["action_id"] == "chatops.confirm")!;
        var form = SlackRequests.BlockActions("chatops.confirm", (string)confirm["value"]!, "U0USER2", responseUrl: slack.ResponseUrl("c1"));
        var click = await app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));
        Assert.Equal(200, await app.InvokeWorkerAsync(click.Message!.ToJsonString(), messageId: "confirm-1"));

        var request = (SilenceRequest)Assert.Single(ops.Calls, c => c.Method == "CreateSilence").Request!;
        Assert.Equal("U0USER1", request.CreatedBy);
        Assert.Contains("fixing it", request.Comment);
        Assert.Contains("confirmed by U0USER2", request.Comment);
    }

    [Fact]
    public async Task TypedSilence_ConfirmRetriedAfterAlertmanagersAnswerWasLost_MakesOneSilence()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var ops = new FakeOpsClient();
        await using var app = await TestApp.StartAsync(slack, new Dictionary<string, string>
        {
            ["Access:Rules:0:Commands"] = "silence", ["Access:Rules:0:Users"] = "U0USER1,U0USER2",
        }, s => s.AddSingleton<IOpsClient>(ops));
        Assert.Equal(200, await app.InvokeWorkerAsync(Envelopes.Mention("silence alertname=HighErrorRate for 2h")));
        var confirm = Assert.Single(slack.CallsTo("chat.postMessage")).Json["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "actions")!["elements"]!
            .AsArray().Single(e => (string?)e!["action_id"] == "chatops.confirm")!;
        var form = SlackRequests.BlockActions("chatops.confirm", (string)confirm["value"]!, "U0USER2", responseUrl: slack.ResponseUrl("c1"));
        var click = await app.InvokeSlackAsync(form, SlackRequests.SignedHeaders(form, "application/x-www-form-urlencoded"));
        // Alertmanager made the silence, but its answer never came back: the queue brings the Confirm again.
        ops.AfterCreateSilence = new OpsException(Grpc.Core.StatusCode.Unavailable, "CreateSilence", "http://ops", "connection reset");

        await app.InvokeWorkerAsync(click.Message!.ToJsonString(), dequeueCount: 1, messageId: "confirm-1");
        Assert.Equal(200, await app.InvokeWorkerAsync(click.Message!.ToJsonString(), dequeueCount: 2, messageId: "confirm-1"));

        var silence = Assert.Single(ops.Silences);
        Assert.Equal("U0USER1", silence.CreatedBy);
        Assert.Contains($"Silence id `{silence.Id}`", slack.CallsTo("response_url")[^1].Str("text"));
    }

    [Fact]
    public async Task Unsilence_ByDefault_IsClosed_LikeEveryMutatingCommand()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var ops = new FakeOpsClient();
        await using var app = await TestApp.StartAsync(slack, services: s => s.AddSingleton<IOpsClient>(ops));

        Assert.Equal(200, await app.InvokeWorkerAsync(Envelopes.Mention("unsilence 3f2c1a9e-6b1d")));

        Assert.Contains(":no_entry:", Assert.Single(slack.CallsTo("chat.postMessage")).Str("text"));
        Assert.Empty(ops.Calls);
    }
}
