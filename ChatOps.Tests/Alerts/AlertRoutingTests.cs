using System.Text;
using ChatOps.Core.Alerts;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Alerts;

public sealed class AlertRoutingTests
{
    private static AlertNotification Notification(string receiver = "chatops")
    {
        var payload = AlertPayloads.Group();
        payload["receiver"] = receiver;
        return AlertPayload.Read(Encoding.UTF8.GetBytes(payload.ToJsonString())).Notification!;
    }

    private static AlertsOptions Options(params AlertRoute[] routes) => new()
    {
        WebhookToken = AlertPayloads.Token, DefaultChannel = "C0DEFAULT", Routes = [.. routes],
    };

    [Fact]
    public void NoRouteFits_GoesToTheDefaultChannel()
    {
        var router = new AlertRouter(Options(new AlertRoute { Matchers = "severity=warning", Channel = "C0WARN" }));

        Assert.Equal("C0DEFAULT", router.ChannelFor(Notification()));
    }

    [Fact]
    public void FirstRouteWhoseReceiverAndMatchersFit_Wins()
    {
        var router = new AlertRouter(Options(
            new AlertRoute { Receiver = "other", Channel = "C0OTHER" },
            new AlertRoute { Receiver = "chatops", Matchers = "severity=~crit.*,service!=billing", Channel = "C0ONCALL" },
            new AlertRoute { Matchers = "service=checkout", Channel = "C0CHECKOUT" }));

        Assert.Equal("C0ONCALL", router.ChannelFor(Notification()));
        Assert.Equal("C0OTHER", router.ChannelFor(Notification("other")));
    }

    [Fact]
    public void NothingConfigured_IsFine_TheRouteThenRefusesEveryCall()
    {
        Assert.Empty(AlertsSettingsCheck.Problems(new AlertsOptions()));
    }

    [Fact]
    public void ChannelWithoutToken_FailsStart_NamingTheKey()
    {
        var problems = AlertsSettingsCheck.Problems(new AlertsOptions { DefaultChannel = "C0ALERTS" });

        Assert.Contains(problems, p => p.StartsWith("Alerts__WebhookToken is missing"));
    }

    [Fact]
    public void BadRoutes_AreEachNamed()
    {
        var problems = AlertsSettingsCheck.Problems(Options(
            new AlertRoute { Matchers = "severity=critical", Channel = "#oncall" },
            new AlertRoute { Channel = "C0ALL" },
            new AlertRoute { Matchers = "team=~(db", Channel = "C0DB" }));

        Assert.Contains(problems, p => p.StartsWith("Alerts__Routes__0__Channel must be a channel id"));
        Assert.Contains(problems, p => p.StartsWith("Alerts__Routes__1 needs __Receiver or __Matchers"));
        Assert.Contains(problems, p => p.StartsWith("Alerts__Routes__2__Matchers:") && p.Contains("does not compile"));
        Assert.DoesNotContain(problems, p => p.Contains(AlertPayloads.Token));
    }
}
