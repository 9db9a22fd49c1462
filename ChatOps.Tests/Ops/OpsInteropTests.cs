using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatOps.Core.Commands;
using ChatOps.Core.Failures;
using ChatOps.Core.Ops;
using Grpc.Core;
using ChatOps.Core.Replies;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Functions;
using ChatOps.Functions.Ops;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Ops;

/// <summary>
/// The C# gRPC client and every Ops command against python3-grpcio serving the same .proto:
/// the right request fields and call metadata reach the server, and its answers and errors reach the user.
/// </summary>
public sealed class OpsInteropTests
{
    private const string TraceA = "17b4f65b0d9f038e2a7bc5ea84309af2";
    private const string TraceB = "0af7651916cd43dd8448eb211c80319c";

    private static readonly JsonObject Fixture = JsonNode.Parse($$"""
    {
      "ListTraces": { "traces": [ { "id": "{{TraceB}}", "start": "1763700000000000000" }, { "id": "{{TraceA}}", "start": "1763703600000000000" } ] },
      "ShowTrace": { "id": "{{TraceA}}", "operations": ["GET /pets", "db.query"], "errors": ["connection reset"],
                     "tags": ["http.status_code", "error"], "duration": "1.234s" },
      "ShowLogs": { "id": "{{TraceA}}", "logs": [
        { "timestamp": "2025-11-21T05:00:02.500Z", "fields": [ { "key": "event", "vStr": "retry" }, { "key": "attempt", "vType": "INT64", "vInt64": "2" } ] },
        { "timestamp": "2025-11-21T05:00:01Z", "fields": [ { "key": "event", "vStr": "error" }, { "key": "fatal", "vType": "BOOL", "vBool": true },
                                                          { "key": "ratio", "vType": "FLOAT64", "vFloat64": 0.5 }, { "key": "raw", "vType": "BINARY", "vBinary": "3q2+7w==" } ] } ] },
      "DeployedVersion": { "version": "v2.7.1+a1b2c3d" },
      "Alerts": { "alerts": [ { "state": "firing", "value": "0.93", "activeAt": "1763700000000000000",
                                "labels": { "alertname": "ApiErrorRate", "severity": "critical" },
                                "annotations": { "summary": "5xx above 5% on checkout" } } ] }
    }
    """)!.AsObject();

    private static Dictionary<string, string?> Settings(PythonOpsServer server, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Ops:Endpoint"] = server.Endpoint,
            ["Ops:TraceUiUrl"] = "http://jaeger.example:16686/trace/{id}",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Fact]
    public async Task ListTraces_SendsEveryFilter_AndShowsTheTracesNewestFirst()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture);
        await using var services = CommandServices.Build(Settings(server));

        var outcome = await services.RunAsync("list traces service=checkout operation=AddPets() limit=5 tags=[http.status_code:500] min=250ms max=2s start=-1h end=now");

        var call = server.SingleCall("ListTraces");
        var request = call["request"]!;
        Assert.Equal("checkout", (string?)request["service"]);
        Assert.Equal("AddPets()", (string?)request["operation"]);
        Assert.Equal(5, (int)request["search_depth"]!);
        Assert.Equal(["http.status_code:500"], request["tags"]!.AsArray().Select(t => (string)t!));
        Assert.Equal("250000000", (string?)request["duration_min"]);
        Assert.Equal("2000000000", (string?)request["duration_max"]);
        var start = long.Parse((string)request["start"]!);
        var end = long.Parse((string)request["end"]!);
        Assert.InRange(end - start, 3_599_000_000_000L, 3_601_000_000_000L);

        var metadata = call["metadata"]!;
        Assert.Equal("U0ALICE", (string?)metadata["x-chatops-user"]);
        Assert.Equal("C0INCIDENT", (string?)metadata["x-chatops-channel"]);
        Assert.Equal("list traces", (string?)metadata["x-chatops-command"]);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", (string?)metadata["traceparent"]);
        Assert.Null(metadata["authorization"]);

        Assert.Equal(OutcomeKind.Success, outcome.Kind);
        var rows = outcome.Reply.Blocks.OfType<TableBlock>().Single().Rows;
        Assert.Equal([TraceA, TraceB], rows.Skip(1).Select(r => r[2].Text));
        Assert.Equal("http://jaeger.example:16686/trace/" + TraceA, rows[1][2].Url);
        Assert.Equal("2025-11-21 05:40:00 UTC", rows[1][0].Text);
    }

    [Fact]
    public async Task ShowTrace_MapsOperationsErrorsTagsAndTheLongestSpan()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture);
        await using var services = CommandServices.Build(Settings(server));

        var text = PlainTextRenderer.Render((await services.RunAsync($"show trace {TraceA.ToUpperInvariant()}")).Reply);

        Assert.Equal(TraceA, (string?)server.SingleCall("ShowTrace")["request"]!["id"]);
        Assert.Contains("Longest span: 1.234 s", text);
        Assert.Contains("Errors: `connection reset`", text);
        Assert.Contains("Operations (2): `GET /pets`, `db.query`", text);
        Assert.Contains("Tag keys: http.status_code, error", text);
    }

    [Fact]
    public async Task ShowLogs_OrdersEventsByTime_AndRendersEveryValueType()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture);
        await using var services = CommandServices.Build(Settings(server));

        var reply = (await services.RunAsync($"show logs {TraceA}")).Reply;

        var lines = reply.Blocks.OfType<SectionBlock>().Single().Mrkdwn.Split('\n');
        Assert.Equal("`05:00:01.000` *event*=error  *fatal*=true  *ratio*=0.5  *raw*=0xdeadbeef", lines[0]);
        Assert.Equal("`05:00:02.500` *event*=retry  *attempt*=2", lines[1]);
    }

    [Theory]
    [InlineData("change sampling float .1", "STFloat", 0.1)]
    [InlineData("change sampling always", "STAlways", null)]
    [InlineData("change sampling never", "STNever", null)]
    public async Task ChangeSampling_SendsTheSamplerTypeAndRate(string command, string type, double? rate)
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture);
        await using var services = CommandServices.Build(Settings(server));

        var outcome = await services.RunAsync(command);

        var request = server.SingleCall("ChangeSampling")["request"]!;
        Assert.Equal(type, (string?)request["type"]);
        Assert.Equal(rate, (double?)request["float_value"]);
        Assert.StartsWith(":white_check_mark: Sampling changed", outcome.Reply.Text);
    }

    [Fact]
    public async Task DeployedVersion_And_Alerts_ComeBackReadable()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture);
        await using var services = CommandServices.Build(Settings(server));

        var version = await services.RunAsync("deployed version");
        var alerts = await services.RunAsync("alerts severity=critical state=firing since=2025-11-21T00:00:00Z");

        Assert.Equal("Deployed version: v2.7.1+a1b2c3d", version.Reply.Text);
        var request = server.SingleCall("Alerts")["request"]!;
        Assert.Equal(["severity=critical"], request["labels"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(["firing"], request["states"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("1763683200000000000", (string?)request["active_at"]);
        var row = alerts.Reply.Blocks.OfType<TableBlock>().Single().Rows[1];
        Assert.Equal(["ApiErrorRate", "firing", "critical", "5xx above 5% on checkout", "0.93"], row.Take(5).Select(c => c.Text));
    }

    [Fact]
    public async Task ServerErrorStatus_IsAnsweredWithItsDecodedMessage()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture, "--fail", "ShowTrace=NOT_FOUND:trace ünknown 100%");
        await using var services = CommandServices.Build(Settings(server));

        var outcome = await services.RunAsync($"show trace {TraceA}");

        Assert.Equal(OutcomeKind.UserMistake, outcome.Kind);
        Assert.Equal($":mag: The Ops service at {server.Endpoint} found nothing: trace ünknown 100%.", outcome.Reply.Text);
    }

    [Fact]
    public async Task PermissionDenied_IsAnsweredAsARefusal()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture, "--fail", "ChangeSampling=PERMISSION_DENIED:U0ALICE may not change sampling");
        await using var services = CommandServices.Build(Settings(server));

        var outcome = await services.RunAsync("change sampling never");

        Assert.Equal(OutcomeKind.Failed, outcome.Kind);
        Assert.Equal($":warning: The Ops service at {server.Endpoint} refused ChangeSampling: permission denied (U0ALICE may not change sampling).", outcome.Reply.Text);
    }

    [Fact]
    public async Task SlowServer_HitsTheDeadline_WhichTheServerWasTold()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture, "--delay", "Alerts=10");
        await using var services = CommandServices.Build(Settings(server, ("Ops:Timeout", "00:00:00.400")));
        // Connect (and JIT the client) first, so on a busy machine the 0.4 s go to the call under test.
        await services.RunAsync("deployed version");

        var watch = Stopwatch.StartNew();
        var outcome = await services.RunAsync("alerts");
        watch.Stop();

        Assert.Equal(OutcomeKind.Failed, outcome.Kind);
        // Whichever side notices first: our timer ("no answer within 0.4 s") or grpcio's ("Deadline Exceeded").
        Assert.StartsWith($":warning: The Ops service at {server.Endpoint} did not answer Alerts in time (", outcome.Reply.Text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the deadline was not enforced locally: {watch.Elapsed}");
        var remaining = (double?)server.SingleCall("Alerts")["time_remaining"];
        Assert.NotNull(remaining);
        // grpcio reports up to ~10 ms more than the client sent (its own clock rounding).
        Assert.InRange(remaining.Value, 0.0, 0.45);
    }

    [Fact]
    public async Task KilledServer_IsUnavailable_WhichTheQueueRetries()
    {
        var server = await PythonOpsServer.StartAsync(Fixture);
        await using var services = CommandServices.Build(Settings(server));
        Assert.Equal(OutcomeKind.Success, (await services.RunAsync("deployed version")).Kind);
        await server.DisposeAsync();

        var failure = await Assert.ThrowsAsync<OpsException>(() => services.RunAsync("deployed version"));

        Assert.Equal(StatusCode.Unavailable, failure.Code);
        Assert.Equal(FailureHandling.Retry, failure.Handling);
        Assert.StartsWith($"The Ops service at {server.Endpoint} is unavailable: ", failure.UserMessage);
    }

    [Theory]
    [InlineData("UNAVAILABLE", 3)]
    [InlineData("INTERNAL", 1)]
    [InlineData("RESOURCE_EXHAUSTED", 1)]
    public async Task OnlyUnavailable_IsRetried(string status, int expectedCalls)
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture, "--fail", $"Alerts={status}:injected");
        await using var services = CommandServices.Build(Settings(server));

        try
        {
            await services.RunAsync("alerts");
        }
        catch (OpsException)
        {
            // UNAVAILABLE escapes to the queue after the client's own retries; the count below is what matters.
        }

        Assert.Equal(expectedCalls, server.Calls().Count(c => (string?)c["method"] == "Alerts"));
    }

    [Fact]
    public async Task UnavailableTwice_ThenOk_IsRetriedByTheChannel_AndTheUserGetsTheAnswer()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture, "--fail", "DeployedVersion=UNAVAILABLE:restarting", "--fail-times", "2");
        await using var services = CommandServices.Build(Settings(server));

        var outcome = await services.RunAsync("deployed version");

        Assert.Equal("Deployed version: v2.7.1+a1b2c3d", outcome.Reply.Text);
        Assert.Equal(3, server.Calls().Count(c => (string?)c["method"] == "DeployedVersion"));
    }

    [Fact]
    public async Task CallerMetadata_IsPrintableAsciiAndBounded_WhateverSlackSent()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture);
        var options = new OpsOptions { Endpoint = server.Endpoint };
        var client = new OpsGrpcClient(OpsChannel.Create(options, OpsChannel.Handler()).CreateCallInvoker(), options);

        await client.DeployedVersionAsync(new OpsCaller("U0ZOË\n", "C0\u0007", new string('x', 500)) { TraceId = TraceA });

        var metadata = server.SingleCall("DeployedVersion")["metadata"]!;
        Assert.Equal("U0ZO??", (string?)metadata["x-chatops-user"]);
        Assert.Equal("C0?", (string?)metadata["x-chatops-channel"]);
        Assert.Equal(new string('x', 200), (string?)metadata["x-chatops-command"]);
        Assert.StartsWith($"00-{TraceA}-", (string?)metadata["traceparent"]);
    }

    [Fact]
    public async Task BearerToken_IsSentWhenConfigured_AndItsAbsenceIsExplained()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture, "--require-token", "ops-token-123");
        await using var withToken = CommandServices.Build(Settings(server, ("Ops:Token", "ops-token-123")));
        await using var without = CommandServices.Build(Settings(server));

        var ok = await withToken.RunAsync("deployed version");
        var refused = await without.RunAsync("deployed version");

        Assert.Equal("Deployed version: v2.7.1+a1b2c3d", ok.Reply.Text);
        Assert.Equal("Bearer ops-token-123", (string?)server.Calls()[0]["metadata"]!["authorization"]);
        Assert.Contains("wants credentials for DeployedVersion", refused.Reply.Text);
        Assert.Contains("check Ops__Token", refused.Reply.Text);
    }

    [Fact]
    public async Task AskListTraces_AgainstTheServer_PrintsTheTable()
    {
        await using var server = await PythonOpsServer.StartAsync(Fixture);
        var start = new ProcessStartInfo("dotnet", [typeof(ChatOps.Local.Cli.CommandLineRunner).Assembly.Location, "ask", "list traces limit=5"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Ops__Endpoint"] = server.Endpoint;
        start.Environment["Ops__TraceUiUrl"] = "http://jaeger.example:16686/trace/{id}";
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Equal(5, (int)server.SingleCall("ListTraces")["request"]!["search_depth"]!);
        Assert.Matches(new Regex($@"Start \(UTC\)\s+Age\s+Trace\n[- ]+\n2025-11-21 05:40:00 UTC\s+\S+ ago\s+{TraceA} \(http://jaeger.example:16686/trace/{TraceA}\)"),
            stdout.ReplaceLineEndings("\n"));
    }
}
