using System.Text.Json.Nodes;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>Alerts, DeployedVersion and QueryRange answered from a real Prometheus.</summary>
public sealed class PrometheusBackedTests(PrometheusStack stack) : IClassFixture<PrometheusStack>
{
    private static readonly OpsCaller Caller = new("U0ALICE", "C0INCIDENT", "test");

    [Fact]
    public async Task Alerts_ReturnsTheFiringAlert_WithItsLabelsAndAnnotations()
    {
        var alerts = await stack.Ops.Client().AlertsAsync(new AlertQuery([], [], null), Caller);

        var firing = Assert.Single(alerts, a => a.Name == "CheckoutErrorRate");
        Assert.Equal("firing", firing.State);
        Assert.Equal("critical", firing.Severity);
        Assert.Equal("payments", firing.Labels["team"]);
        Assert.Equal("5xx above 5% on checkout", firing.Summary);
        Assert.Equal(0.93, double.Parse(firing.Value, System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.InRange(firing.ActiveAt!.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        Assert.Equal("pending", Assert.Single(alerts, a => a.Name == "DiskAlmostFull").State);
    }

    [Theory]
    [InlineData(new[] { "severity=critical" }, new string[0], "CheckoutErrorRate")]
    [InlineData(new[] { "team" }, new string[0], "CheckoutErrorRate")]
    [InlineData(new string[0], new[] { "pending" }, "DiskAlmostFull")]
    [InlineData(new[] { "severity=warning" }, new[] { "firing" }, null)]
    public async Task Alerts_FiltersByLabelsAndStates(string[] labels, string[] states, string? expected)
    {
        var alerts = await stack.Ops.Client().AlertsAsync(new AlertQuery(labels, states, null), Caller);

        Assert.Equal(expected is null ? [] : [expected], alerts.Select(a => a.Name));
    }

    [Fact]
    public async Task Alerts_ActiveSinceLaterThanTheAlert_FiltersItOut()
    {
        var alerts = await stack.Ops.Client().AlertsAsync(new AlertQuery([], [], DateTimeOffset.UtcNow.AddMinutes(5)), Caller);

        Assert.Empty(alerts);
    }

    [Fact]
    public async Task Alerts_ActiveSinceBeforeTheAlert_KeepsIt()
    {
        var alerts = await stack.Ops.Client().AlertsAsync(new AlertQuery([], ["firing"], DateTimeOffset.UtcNow.AddMinutes(-10)), Caller);

        Assert.Equal(["CheckoutErrorRate"], alerts.Select(a => a.Name));
    }

    [Theory]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("NaN", double.NaN)]
    [InlineData("1.5e+00", 1.5)]
    public void PrometheusNumbers_IncludingInfinities_AreRead(string text, double expected)
    {
        Assert.Equal(expected, ChatOps.OpsService.Backends.PrometheusClient.Number(text));
    }

    [Fact]
    public async Task APromQLSyntaxError_IsPrometheusRefusingTheQuery_WithThePositionPrometheusGave()
    {
        var end = DateTimeOffset.UtcNow;
        var ex = await Assert.ThrowsAsync<ChatOps.Core.Ops.OpsException>(() =>
            stack.Ops.Client().QueryRangeAsync("sum(rate(up[5m])", end.AddMinutes(-5), end, TimeSpan.FromMinutes(1), Caller));

        Assert.Equal(Grpc.Core.StatusCode.InvalidArgument, ex.Code);
        Assert.StartsWith("Prometheus at 127.0.0.1:", ex.UserMessage);
        Assert.Contains(" refused the query: ", ex.UserMessage);
        // Prometheus' own words: line:column, then the parse error.
        Assert.Matches(@"1:\d+: parse error: ", ex.UserMessage);
        Assert.DoesNotContain("Ops service", ex.UserMessage);
    }

    [Fact]
    public async Task DeployedVersion_IsTheBuildInfoScrapedFromTheServicesOwnMetrics()
    {
        var version = await stack.Ops.Client().DeployedVersionAsync(Caller);

        Assert.Equal("0.1.0", version);
    }

    [Fact]
    public async Task QueryRange_ReturnsPointsOfTheScrapedSeries()
    {
        var end = DateTimeOffset.UtcNow;
        var series = await stack.Ops.Client().QueryRangeAsync("up", end.AddMinutes(-1), end, TimeSpan.FromSeconds(1), Caller);

        var up = Assert.Single(series);
        Assert.Equal("chatops-ops", up.Labels["job"]);
        Assert.NotEmpty(up.Points);
        Assert.All(up.Points, p => Assert.Equal(1.0, p.Value));
        Assert.True(up.Points.Zip(up.Points.Skip(1)).All(p => p.First.Time < p.Second.Time), "points are not in time order");
    }

    [Fact]
    public async Task TheBotsAlertsCommand_ShowsTheRealAlert()
    {
        await using var services = CommandServices.Build(new Dictionary<string, string?> { ["Ops:Endpoint"] = stack.Ops.Endpoint });

        var outcome = await services.RunAsync("alerts state=firing");

        var rows = outcome.Reply.Blocks.OfType<TableBlock>().Single().Rows;
        // Prometheus sends 9.3e-01; the reply reads 0.93.
        Assert.Equal(["CheckoutErrorRate", "firing", "critical", "5xx above 5% on checkout", "0.93"], rows[1].Take(5).Select(c => c.Text));
    }

    [Fact]
    public async Task Metrics_CountCallsByMethodAndStatus()
    {
        await stack.Ops.Client().DeployedVersionAsync(Caller);
        using var http = new HttpClient();

        var metrics = await http.GetStringAsync($"http://127.0.0.1:{stack.Ops.MetricsPort}/metrics");

        Assert.Contains("chatops_ops_build_info{version=\"0.1.0\"} 1", metrics);
        Assert.Matches("chatops_ops_calls_total\\{method=\"DeployedVersion\",code=\"OK\"\\} [1-9]", metrics);
        Assert.Contains("chatops_ops_call_duration_seconds_count{method=\"DeployedVersion\"}", metrics);
    }

    [Fact]
    public async Task PythonGrpcClient_CallsEveryMethodOfTheRunningService()
    {
        var target = $"127.0.0.1:{stack.Ops.GrpcPort}";
        string[] who = ["x-chatops-user=U0BOB", "x-chatops-channel=C0OPS", "x-chatops-command=interop"];
        var now = DateTimeOffset.UtcNow;
        var nanos = (now.ToUnixTimeMilliseconds() * 1_000_000).ToString();
        var minuteAgo = (now.AddMinutes(-1).ToUnixTimeMilliseconds() * 1_000_000).ToString();

        var calls = new Dictionary<string, JsonObject>
        {
            ["ListTraces"] = await PythonOpsClient.CallAsync(target, "ListTraces", """{"service":"checkout","search_depth":2}""", who),
            ["ShowTrace"] = await PythonOpsClient.CallAsync(target, "ShowTrace", """{"id":"4bf92f3577b34da6a3ce929d0e0e4736"}""", who),
            ["ShowLogs"] = await PythonOpsClient.CallAsync(target, "ShowLogs", """{"id":"4bf92f3577b34da6a3ce929d0e0e4736"}""", who),
            ["ChangeSampling"] = await PythonOpsClient.CallAsync(target, "ChangeSampling", """{"type":"STFloat","float_value":0.25}""", who),
            ["DeployedVersion"] = await PythonOpsClient.CallAsync(target, "DeployedVersion", "{}", who),
            ["Alerts"] = await PythonOpsClient.CallAsync(target, "Alerts", """{"labels":["severity=critical"]}""", who),
            ["QueryRange"] = await PythonOpsClient.CallAsync(target, "QueryRange", $$"""{"query":"up","start":"{{minuteAgo}}","end":"{{nanos}}","step":"1000000000"}""", who),
        };

        Assert.All(calls, c => Assert.True((string?)c.Value["code"] == "OK", $"{c.Key}: {c.Value.ToJsonString()}"));
        Assert.Equal(2, calls["ListTraces"]["response"]!["traces"]!.AsArray().Count);
        Assert.Equal("1.234567s", (string?)calls["ShowTrace"]["response"]!["duration"]);
        Assert.Equal(4, calls["ShowLogs"]["response"]!["logs"]!.AsArray().Count);
        Assert.Equal("0.1.0", (string?)calls["DeployedVersion"]["response"]!["version"]);
        Assert.Equal("CheckoutErrorRate", (string?)calls["Alerts"]["response"]!["alerts"]![0]!["labels"]!["alertname"]);
        Assert.NotEmpty(calls["QueryRange"]["response"]!["series"]![0]!["points"]!.AsArray());
    }
}
