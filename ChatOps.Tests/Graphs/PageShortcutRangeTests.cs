using System.Web;
using ChatOps.Core.Commands;
using ChatOps.Core.Graphs;
using ChatOps.Core.Replies;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using ChatOps.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Graphs;

/// <summary>What `range=` does to a URL shortcut, and what the reply says about the picture's time range: a page
/// only shows the window asked for when it is a Grafana page or its URL has {from}/{to}; any other page shows the
/// range written into its URL, and the reply must not claim another one.</summary>
public sealed class PageShortcutRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private sealed class RecordingRenderer : IGraphRenderer
    {
        public Task<byte[]> DrawFlameGraphAsync(FlameGraphSpec flame, CancellationToken ct = default) => throw new NotSupportedException();

        public List<PageRequest> Pages { get; } = [];

        /// <summary>Whether the captured page turns out to be Grafana; by default, whenever it was asked for as one.</summary>
        public bool? GrafanaPage { get; set; }

        public Task<byte[]> DrawChartAsync(ChartSpec chart, CancellationToken ct = default) => throw new InvalidOperationException("no chart here");

        public Task<PageCapture> CapturePageAsync(PageRequest page, CancellationToken ct = default)
        {
            Pages.Add(page);
            return Task.FromResult(new PageCapture([0x89, 0x50, 0x4e, 0x47], Blank: false, TimeSpan.FromSeconds(1), GrafanaPage ?? page.Grafana));
        }
    }

    private readonly RecordingRenderer _renderer = new();

    private async Task<CommandOutcome> RunAsync(string text)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ops:Endpoint"] = "http://127.0.0.1:1",
            ["Graphs:Shortcuts:prometheus:Url"] = "http://prometheus.internal:9090/graph?g0.expr=up&g0.range_input=15m",
            ["Graphs:Shortcuts:prometheus:Title"] = "Prometheus' graph page",
            ["Graphs:Shortcuts:status:Url"] = "https://status.example.net/board?start={from}&end={to}",
            ["Graphs:Shortcuts:status:Title"] = "Status board",
            ["Graphs:Shortcuts:panel:Url"] = "https://grafana.example.net/d-solo/abc/api?panelId=2",
            ["Graphs:Shortcuts:panel:Title"] = "API panel",
            ["Graphs:Shortcuts:since:Url"] = "https://status.example.net/board?start={from}",
            ["Graphs:Shortcuts:since:Title"] = "Since",
            ["Graphs:Shortcuts:sheet:Url"] = "https://docs.google.com/spreadsheets/d/1AbC/pubchart?oid=7&format=image",
            ["Graphs:Shortcuts:sheet:Title"] = "Capacity sheet",
            ["Graphs:Shortcuts:lookalike:Url"] = "https://status.example.com/d/board?start={from}&end={to}",
            ["Graphs:Shortcuts:lookalike:Title"] = "Board",
            ["Graphs:Shortcuts:subpath:Url"] = "https://example.com/grafana/d/abc/api?orgId=1",
            ["Graphs:Shortcuts:subpath:Title"] = "API (Grafana under /grafana)",
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(new ManualClock(Now))
            .AddLogging()
            .AddChatOpsServices(configuration, serving: false, HostJsonQueues.Defaults)
            .AddSingleton<IGraphRenderer>(_renderer)
            .BuildServiceProvider();
        var dispatcher = services.GetRequiredService<CommandDispatcher>();
        return await dispatcher.RunAsync(text, new CommandContext("cmd-1", "U0ALICE", "C0INCIDENT", "T0001", dispatcher.Registry));
    }

    [Fact]
    public async Task APageWithItsOwnRange_IsCaptured_AndTheReplyClaimsNoOtherRange()
    {
        var outcome = await RunAsync("graph prometheus");

        var page = Assert.Single(_renderer.Pages);
        Assert.Equal("http://prometheus.internal:9090/graph?g0.expr=up&g0.range_input=15m", page.Url.ToString());
        Assert.Equal("*Prometheus' graph page* (the time range the page shows)", outcome.Reply.Text);
        var file = Assert.Single(outcome.Reply.Files);
        Assert.Equal("Prometheus' graph page: a page with its own time range", file.AltText);
        Assert.DoesNotContain("UTC", outcome.Reply.Text + file.AltText);
    }

    [Theory]
    [InlineData("graph sheet range=6h", "sheet")] // /d/ deep in a path that is not Grafana's
    [InlineData("graph prometheus range=6h", "prometheus")]
    public async Task OnlyPagesThatTakeAWindow_AreOfferedOne_InTheShortcutList(string refused, string name)
    {
        var rows = (await RunAsync("list graph shortcuts")).Reply.Blocks.OfType<TableBlock>().Single().Rows
            .ToDictionary(r => r[0].Text, r => r[3].Text);
        Assert.Equal("the page's own", rows[name]);
        Assert.Equal("1h", rows["panel"]); // Grafana
        Assert.Equal("1h", rows["status"]); // {from} and {to}

        Assert.True((await RunAsync(refused)).IsUserMistake);
        Assert.Empty(_renderer.Pages);
    }

    [Theory]
    [InlineData("graph prometheus range=6h")]
    [InlineData("graph prometheus from=2026-12-01T08:00:00Z")]
    [InlineData("graph prometheus to=2026-12-01T08:00:00Z")]
    public async Task AskingSuchAPageForAnotherRange_IsRefused_NotIgnored(string text)
    {
        var outcome = await RunAsync(text);

        Assert.Empty(_renderer.Pages);
        Assert.True(outcome.IsUserMistake);
        Assert.Equal("`prometheus` is a page with its own time range, so `range=`, `from=` and `to=` cannot change it. " +
                     "They apply to Grafana pages and to shortcut URLs with `{from}` in them.", outcome.Reply.Text);
    }

    [Theory]
    [InlineData("graph status range=6h", "start", "end", "Status board")] // a URL with {from} and {to}
    [InlineData("graph panel range=6h", "from", "to", "API panel")] // a Grafana d-solo link
    public async Task APageThatTakesAWindow_GetsTheOneAskedFor_AndTheReplySaysIt(string text, string fromParameter, string toParameter, string title)
    {
        var outcome = await RunAsync(text);

        var query = HttpUtility.ParseQueryString(Assert.Single(_renderer.Pages).Url.Query);
        Assert.Equal(Now.AddHours(-6).ToUnixTimeMilliseconds().ToString(), query[fromParameter]);
        Assert.Equal(Now.ToUnixTimeMilliseconds().ToString(), query[toParameter]);
        Assert.Equal($"*{title}* (2026-12-01 06:00:00 UTC – 2026-12-01 12:00:00 UTC)", outcome.Reply.Text);
    }

    [Fact]
    public async Task AUrlWithFromButNoTo_RefusesTo_AndTakesRange()
    {
        var refused = await RunAsync("graph since to=2026-12-01T08:00:00Z");
        Assert.Equal("The URL of `since` has `{from}` but no `{to}`: the page always ends now, so `to=` cannot change it.", refused.Reply.Text);
        Assert.Empty(_renderer.Pages);

        await RunAsync("graph since range=6h");
        Assert.Equal(Now.AddHours(-6).ToUnixTimeMilliseconds().ToString(), HttpUtility.ParseQueryString(Assert.Single(_renderer.Pages).Url.Query)["start"]);
    }

    [Theory]
    [InlineData("graph panel range=6h", "*API panel* (the time range the page shows)\nThe page that loaded is not Grafana (a login page, or a link that only looks like Grafana's), so `range=`, `from=` and `to=` did not apply.")]
    [InlineData("graph panel var-env=prod", "*API panel* (the time range the page shows)\nThe page that loaded is not Grafana (a login page, or a link that only looks like Grafana's), so `var-&lt;name&gt;=` did not apply.")]
    [InlineData("graph panel", "*API panel* (the time range the page shows)")]
    // {from} and {to} in the URL took the window even though Grafana's from/to did nothing.
    [InlineData("graph lookalike range=6h", "*Board* (2026-12-01 06:00:00 UTC – 2026-12-01 12:00:00 UTC)")]
    public async Task ALinkThatLookedLikeGrafanasButWasNot_ClaimsOnlyWhatApplied(string text, string reply)
    {
        _renderer.GrafanaPage = false;

        var outcome = await RunAsync(text);

        Assert.Single(_renderer.Pages);
        Assert.Equal(reply, outcome.Reply.Text);
    }

    [Theory]
    [InlineData("graph subpath range=6h")]
    [InlineData("graph subpath var-env=prod")]
    public async Task AGrafanaUnderASubPath_IsRefusedWithTheSettingThatNamesIt(string text)
    {
        var outcome = await RunAsync(text);

        Assert.True(outcome.IsUserMistake);
        Assert.EndsWith(" If it is a Grafana served under a sub-path, name it in `Graphs__Grafana__Url`.", outcome.Reply.Text);
        Assert.Empty(_renderer.Pages);
    }
}
