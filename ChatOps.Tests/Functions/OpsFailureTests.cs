using ChatOps.Core.Ops;
using Grpc.Core;
using ChatOps.Functions;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>How Ops failures reach the person who asked, through the worker function.</summary>
public sealed class OpsFailureTests : IAsyncLifetime
{
    private const string Endpoint = "http://ops.internal:50051";
    private readonly FakeOpsClient _ops = new();
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _app = await TestApp.StartAsync(_slack, new Dictionary<string, string> { ["Worker:MaxDequeueCount"] = "3" },
            services => services.AddSingleton<IOpsClient>(_ops));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private Task<int> Run(string text, int dequeueCount) =>
        _app.InvokeWorkerAsync(Envelopes.Mention(text, id: "EvOps1"), dequeueCount);

    [Fact]
    public async Task Unavailable_FailsTheInvocation_SoTheQueueRetries()
    {
        _ops.Failure = new OpsException(StatusCode.Unavailable, "Alerts", Endpoint, "Connection refused");

        var status = await Run("alerts", dequeueCount: 1);

        Assert.Equal(500, status);
        Assert.Empty(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Unavailable_OnTheLastAttempt_IsAnsweredWithTheCauseAndTheErrorId()
    {
        _ops.Failure = new OpsException(StatusCode.Unavailable, "Alerts", Endpoint, "Connection refused");

        var status = await Run("alerts", dequeueCount: 3);

        Assert.Equal(200, status);
        var post = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal(":warning: The Ops service at http://ops.internal:50051 is unavailable: Connection refused. Error id `EvOps1`.", post.Str("text"));
    }

    [Theory]
    [InlineData(StatusCode.PermissionDenied, ":warning: The Ops service at http://ops.internal:50051 refused Alerts: permission denied (not for you).")]
    [InlineData(StatusCode.DeadlineExceeded, ":warning: The Ops service at http://ops.internal:50051 did not answer Alerts in time (not for you).")]
    [InlineData(StatusCode.NotFound, ":mag: The Ops service at http://ops.internal:50051 found nothing: not for you.")]
    public async Task OtherFailures_AreAnsweredAtOnce_AndNotRetried(StatusCode code, string expected)
    {
        _ops.Failure = new OpsException(code, "Alerts", Endpoint, "not for you");

        var status = await Run("alerts", dequeueCount: 1);

        Assert.Equal(200, status);
        Assert.Equal(expected, Assert.Single(_slack.CallsTo("chat.postMessage")).Str("text"));
    }

    [Fact]
    public async Task APromQLError_IsShownAsPrometheusWords_Escaped()
    {
        _ops.Failure = new OpsException(StatusCode.InvalidArgument, "QueryRange", Endpoint,
            "Prometheus at prom:9090 refused the query: invalid parameter \"query\": 1:4: parse error: unexpected <op:>> & more", null, "Prometheus");

        var status = await Run("graph query=up >> 1", dequeueCount: 1);

        Assert.Equal(200, status);
        var text = Assert.Single(_slack.CallsTo("chat.postMessage")).Str("text");
        Assert.Contains("Prometheus at prom:9090 refused the query: invalid parameter \"query\": 1:4: parse error: unexpected &lt;op:&gt;&gt; &amp; more.", text);
        Assert.DoesNotContain("Ops service", text);
    }

    [Fact]
    public async Task ABackendDown_OnTheLastAttempt_IsBlamedOnTheBackend_ThroughTheOpsService()
    {
        _ops.Failure = new OpsException(StatusCode.Unavailable, "ListTraces", Endpoint,
            "Jaeger at jaeger:16686 is unreachable: Connection refused (jaeger:16686)", null, "Jaeger");

        await Run("list traces service=api", dequeueCount: 3);

        Assert.Equal(":warning: Jaeger at jaeger:16686 is unreachable: Connection refused (jaeger:16686) (reached through the Ops service at " +
                     "http://ops.internal:50051). Error id `EvOps1`.", Assert.Single(_slack.CallsTo("chat.postMessage")).Str("text"));
    }

    [Fact]
    public async Task EveryOpsCall_CarriesTheSlackUserChannelAndCommand()
    {
        await Run("deployed version", dequeueCount: 1);

        var call = Assert.Single(_ops.Calls);
        Assert.Equal(("U0USER1", "C0CHAN1", "deployed version"), (call.Caller.UserId, call.Caller.ChannelId, call.Caller.Command));
        Assert.Matches("^[0-9a-f]{32}$", call.Caller.TraceId);
        Assert.Contains("v1.2.3", Assert.Single(_slack.CallsTo("chat.postMessage")).Str("text"));
    }
}
