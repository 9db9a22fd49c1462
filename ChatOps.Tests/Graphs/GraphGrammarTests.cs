using ChatOps.Core.Commands.Graphs;

namespace ChatOps.Tests.Graphs;

public sealed class GraphGrammarTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("latency", "latency", null, null)]
    [InlineData("Latency range=6h", "latency", null, 6 * 60)]
    [InlineData("latency range=7d", "latency", null, 7 * 24 * 60)]
    [InlineData("query=rate(http_requests_total{code=~\"5..\"}[5m])", null, "rate(http_requests_total{code=~\"5..\"}[5m])", null)]
    [InlineData("query=sum by (pod) (rate(x[1m])) range=30m", null, "sum by (pod) (rate(x[1m]))", 30)]
    [InlineData("query=\"up == 0\"", null, "up == 0", null)]
    public void Parses_ShortcutsAndAdHocQueries(string text, string? shortcut, string? query, int? rangeMinutes)
    {
        var args = GraphArgs.Parse(text, Now).Value!;

        Assert.Equal(shortcut, args.Shortcut);
        Assert.Equal(query, args.Query);
        Assert.Equal(rangeMinutes is { } m ? TimeSpan.FromMinutes(m) : null, args.Range);
    }

    [Fact]
    public void FromAndTo_AreTimes()
    {
        var args = GraphArgs.Parse("latency from=-3h to=-1h", Now).Value!;

        Assert.Equal(Now.AddHours(-3), args.From);
        Assert.Equal(Now.AddHours(-1), args.To);
    }

    [Theory]
    [InlineData("", "Which graph?")]
    [InlineData("latency range=forever", "range is a duration from 1m to 31d")]
    [InlineData("latency range=90d", "range is a duration from 1m to 31d")]
    [InlineData("latency from=-1h to=-2h", "from must be before to.")]
    [InlineData("latency from=tomorrowish", "from must be a time")]
    [InlineData("latency errors", "I expected one shortcut name")]
    [InlineData("query=", "`query=` needs a PromQL expression")]
    public void Rejections_SayWhatWasExpected(string text, string expected)
    {
        Assert.StartsWith(expected, GraphArgs.Parse(text, Now).Error);
    }

    [Theory]
    [InlineData("https://grafana.example.com", "https://grafana.example.com/d-solo/abc?panelId=2", true)]
    [InlineData("https://grafana.example.com/", "https://GRAFANA.example.com:443/d/x", true)]
    [InlineData("https://grafana.example.com", "https://status.example.com/", false)]
    [InlineData("https://grafana.example.com", "http://grafana.example.com/d-solo/abc", false)]
    [InlineData(null, "https://grafana.example.com/d-solo/abc", false)]
    public void GrafanaToken_GoesOnlyToGrafanasOrigin(string? grafana, string page, bool sent)
    {
        var options = new ChatOps.Core.Graphs.GrafanaOptions { Url = grafana, Token = "glsa_token" };

        Assert.Equal(sent ? "glsa_token" : null, options.TokenFor(new Uri(page)));
    }

    [Fact]
    public void AWindowOverThirtyOneDays_IsRefused()
    {
        Assert.StartsWith("A graph covers at most 31 days", GraphArgs.Parse("latency from=-40d", Now).Error);
    }

    [Fact]
    public void TemplateVariables_ArePeeledOff_WithTheWindow()
    {
        var args = GraphArgs.Parse("dashboard var-env=prod range=6h var-pod=api-1", Now).Value!;

        Assert.Equal("dashboard", args.Shortcut);
        Assert.Equal(TimeSpan.FromHours(6), args.Range);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["pod"] = "api-1" }, args.Variables);
    }

    [Fact]
    public void GrafanaUrls_GetTheWindowAndTheVariables_AndDSoloLinksTheirPanelSize()
    {
        var grafana = new ChatOps.Core.Graphs.GrafanaOptions();
        var url = new Uri("https://grafana.example.com/d-solo/abc/api?orgId=1&panelId=2&from=now-1h&to=now&width=600&height=300");

        var set = ChatOps.Core.Graphs.GrafanaUrl.With(url, Now.AddHours(-6), Now, new Dictionary<string, string> { ["env"] = "prod" });

        Assert.True(ChatOps.Core.Graphs.GrafanaUrl.Is(url, grafana));
        Assert.False(ChatOps.Core.Graphs.GrafanaUrl.Is(new Uri("https://status.example.com/"), grafana));
        var query = System.Web.HttpUtility.ParseQueryString(set.Query);
        Assert.Equal(Now.AddHours(-6).ToUnixTimeMilliseconds().ToString(), query["from"]);
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(), query["to"]);
        Assert.Equal("prod", query["var-env"]);
        Assert.Equal("2", query["panelId"]);
        Assert.Equal((600, 300), ChatOps.Core.Graphs.GrafanaUrl.PanelSize(set));
    }

    [Theory]
    [InlineData(null, "https://grafana.example.com/d/abc/api?orgId=1", true)]
    [InlineData(null, "https://grafana.example.com/d-solo/abc/api?panelId=2", true)]
    [InlineData(null, "https://docs.google.com/spreadsheets/d/1AbC/pubchart?oid=7", false)] // /d/ deeper in the path
    [InlineData(null, "https://example.com/grafana/d/abc/api", false)] // a sub-path Grafana needs Graphs__Grafana__Url
    [InlineData("https://example.com/grafana", "https://example.com/grafana/d/abc/api", true)]
    [InlineData("https://example.com/grafana/", "https://example.com/grafana/render/d-solo/abc", true)]
    [InlineData("https://example.com/grafana", "https://example.com/grafana?orgId=1", true)] // its home page
    [InlineData("https://example.com/grafana", "https://example.com/grafanastatus/board", false)]
    [InlineData("https://example.com/grafana", "https://example.com/wiki/status", false)] // same origin, not under its path
    [InlineData("https://grafana.example.com", "https://status.example.com/board", false)]
    public void GrafanaPages_AreKnownByARootDashboardPath_OrTheConfiguredGrafana(string? configured, string page, bool grafana)
    {
        Assert.Equal(grafana, ChatOps.Core.Graphs.GrafanaUrl.Is(new Uri(page), new ChatOps.Core.Graphs.GrafanaOptions { Url = configured }));
    }
}
