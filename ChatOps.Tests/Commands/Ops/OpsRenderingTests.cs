using System.Text.Json.Nodes;
using ChatOps.Core.Commands.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Commands.Ops;

/// <summary>What people read: the Block Kit of each Ops reply and its plain-text form.</summary>
public sealed class OpsRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private const string Ui = "http://jaeger.internal:16686/trace/{id}";

    private static ChatReply Traces(int count) => new ListTracesCommand(new FakeOpsClient(), new OpsOptions { TraceUiUrl = Ui }, new ManualClock(Now))
        .Render(new ListTracesResult(new TraceQuery(Service: "checkout"),
            Enumerable.Range(0, count).Select(i => new TraceSummary($"{i:x32}", Now.AddMinutes(-i))).ToList(), Now, Ui));

    [Fact]
    public void ListTraces_IsATableOfStartAgeAndLinkedId()
    {
        var payload = BlockKitJson.ToPayload(Traces(2));

        var table = payload["blocks"]!.AsArray().Single(b => (string?)b!["type"] == "table")!;
        var rows = table["rows"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal("Start (UTC)", (string?)rows[0]![0]!["text"]);
        Assert.Equal("2026-11-21 12:00:00 UTC", (string?)rows[1]![0]!["text"]);
        var link = rows[2]![2]!["elements"]![0]!["elements"]![0]!;
        Assert.Equal("http://jaeger.internal:16686/trace/" + $"{1:x32}", (string?)link["url"]);
        Assert.Equal($"{1:x32}", (string?)link["text"]);
        Assert.Contains("2 trace(s) for service checkout", (string?)payload["text"]);
    }

    [Fact]
    public void ListTraces_MoreThanATableHolds_SaysShowingNOfM()
    {
        var reply = Traces(100);

        var table = reply.Blocks.OfType<TableBlock>().Single();
        Assert.Equal(100, table.Rows.Count);
        Assert.Contains(reply.Blocks.OfType<ContextBlock>(), c => c.Elements.Contains("_showing 99 of 100_"));
    }

    [Fact]
    public void ListTraces_NoneFound_SaysSoWithTheFilter()
    {
        Assert.Equal("No traces found for service checkout.", Traces(0).Text);
    }

    [Fact]
    public void ListTraces_InTheShell_ReadsAsAlignedColumns()
    {
        var text = PlainTextRenderer.Render(Traces(1)).ReplaceLineEndings("\n");

        Assert.Contains("Start (UTC)              Age     Trace\n", text);
        Assert.Contains($"2026-11-21 12:00:00 UTC  0s ago  {0:x32} (http://jaeger.internal:16686/trace/{0:x32})", text);
    }

    [Fact]
    public void Alerts_FiringFirst_ThenBySeverity_WithNameSummaryAndAge()
    {
        var alerts = new List<AlertInfo>
        {
            Alert("DiskFilling", "pending", "warning", Now.AddMinutes(-3)),
            Alert("LatencyHigh", "firing", "warning", Now.AddMinutes(-20)),
            Alert("ApiDown", "firing", "critical", Now.AddMinutes(-5)),
        };

        var reply = AlertsRenderer(alerts);

        var rows = reply.Blocks.OfType<TableBlock>().Single().Rows;
        Assert.Equal(["ApiDown", "LatencyHigh", "DiskFilling"], rows.Skip(1).Select(r => r[0].Text));
        Assert.Equal("2026-11-21 11:55:00 UTC (5m ago)", rows[1][5].Text);
        Assert.Equal("summary of ApiDown", rows[1][3].Text);
        Assert.StartsWith(":rotating_light: *2 firing, 1 pending*", ((SectionBlock)reply.Blocks[0]).Mrkdwn);
    }

    [Fact]
    public void Alerts_FromAServerWithoutTheLabelsExtension_StillRender()
    {
        var reply = AlertsRenderer([new AlertInfo("firing", "1", null, new Dictionary<string, string>(), new Dictionary<string, string>())]);

        var row = reply.Blocks.OfType<TableBlock>().Single().Rows[1];
        Assert.Equal(["(unnamed alert)", "firing", "", "", "1", ""], row.Select(c => c.Text));
    }

    [Fact]
    public void Alerts_None_IsAnAllClear()
    {
        Assert.Equal(":white_check_mark: No alerts matching state firing.",
            new AlertsCommand(new FakeOpsClient(), new ManualClock(Now)).Render(new AlertsResult(new AlertQuery([], ["firing"], null), [], Now)).Text);
    }

    [Fact]
    public void ShowTrace_ShowsLongestSpanErrorsOperationsAndLink()
    {
        var reply = new ShowTraceCommand(new FakeOpsClient(), new OpsOptions { TraceUiUrl = Ui })
            .Render(new TraceDetails("abc123", ["GET /pets", "db.query"], ["timeout"], ["http.status_code", "error"], TimeSpan.FromMilliseconds(1234.5)));

        var text = PlainTextRenderer.Render(reply);
        Assert.Contains("Trace abc123", text);
        Assert.Contains("Longest span: 1.235 s", text);
        Assert.Contains("🔴 Errors: `timeout`", text);
        Assert.Contains("Operations (2): `GET /pets`, `db.query`", text);
        Assert.Contains("Open in the trace UI (http://jaeger.internal:16686/trace/abc123)", text);
    }

    [Fact]
    public void ShowLogs_OneLinePerEvent_WithFieldsReadable()
    {
        var logs = new TraceLogs("abc", [
            new LogEvent(Now.AddMilliseconds(5), [new("event", "error"), new("message", "db <timeout> & retry")]),
        ]);

        var reply = new ShowLogsCommand(new FakeOpsClient()).Render(logs);

        var section = reply.Blocks.OfType<SectionBlock>().Single().Mrkdwn;
        Assert.Equal("`12:00:00.005` *event*=error  *message*=db &lt;timeout&gt; &amp; retry", section);
    }

    private static ChatReply AlertsRenderer(List<AlertInfo> alerts) =>
        new AlertsCommand(new FakeOpsClient(), new ManualClock(Now)).Render(new AlertsResult(new AlertQuery([], [], null), alerts, Now));

    private static AlertInfo Alert(string name, string state, string severity, DateTimeOffset at) => new(state, "1", at,
        new Dictionary<string, string> { ["alertname"] = name, ["severity"] = severity },
        new Dictionary<string, string> { ["summary"] = "summary of " + name });
}
