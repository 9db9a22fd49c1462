using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Core.Alerts;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Alerts;

public sealed class AlertPayloadTests
{
    private static (AlertNotification? Notification, string? Problem) Read(string json) => AlertPayload.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void VersionFourPayload_IsRead_WithEveryFieldTheMessageNeeds()
    {
        var (n, problem) = Read(AlertPayloads.Group(alerts: 2).ToJsonString());

        Assert.Null(problem);
        Assert.Equal("firing", n!.Status);
        Assert.Equal("chatops", n.Receiver);
        Assert.Equal("HighErrorRate", n.GroupLabels["alertname"]);
        Assert.Equal(2, n.Alerts.Count);
        Assert.Null(n.Alerts[0].EndsAt);
        Assert.Equal("rate(http_errors_total[5m]) > 1", AlertExpression.From(n.Alerts[0].GeneratorUrl));
        Assert.Equal("https://runbooks.example.com/high-error-rate", n.Alerts[0].Annotation("runbook_url"));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"groupKey\":\"g\"}", "version is missing")]
    public void UnreadableBody_IsRefused_WithTheReason(string body, string reason)
    {
        var (n, problem) = Read(body);

        Assert.Null(n);
        Assert.Contains(reason, problem);
    }

    [Theory]
    [InlineData("version", "3", "version \"3\" is not supported")]
    [InlineData("groupKey", "", "groupKey is missing")]
    [InlineData("status", "exploded", "status is \"exploded\"")]
    public void WrongField_IsRefused_NamingTheField(string field, string value, string reason)
    {
        var payload = AlertPayloads.Group();
        payload[field] = value;

        Assert.Contains(reason, Read(payload.ToJsonString()).Problem);
    }

    [Fact]
    public void AlertWithABadStartTime_IsRefused_NamingTheAlert()
    {
        var payload = AlertPayloads.Group(alerts: 2);
        payload["alerts"]![1]!["startsAt"] = "yesterday";

        Assert.Equal("alerts[1].startsAt is not an RFC 3339 time", Read(payload.ToJsonString()).Problem);
    }

    [Fact]
    public void EmptyAlerts_IsRefused()
    {
        var payload = AlertPayloads.Group();
        payload["alerts"] = new JsonArray();

        Assert.Equal("alerts is empty", Read(payload.ToJsonString()).Problem);
    }

    [Fact]
    public void ResentNotification_HasTheSameDeliveryKey_AndResolvingChangesIt()
    {
        var starts = DateTimeOffset.Parse("2026-12-01T10:00:00Z");
        var firing = Read(AlertPayloads.Group(startsAt: starts).ToJsonString()).Notification!;
        var again = Read(AlertPayloads.Group(startsAt: starts).ToJsonString()).Notification!;
        var resolved = Read(AlertPayloads.Group("resolved", startsAt: starts, endsAt: starts.AddMinutes(7)).ToJsonString()).Notification!;

        Assert.Equal(firing.DeliveryKey(), again.DeliveryKey());
        Assert.NotEqual(firing.DeliveryKey(), resolved.DeliveryKey());
        Assert.Equal(firing.GroupId(), resolved.GroupId());
    }
}
