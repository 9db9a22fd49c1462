using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;
using Grpc.Core;

namespace ChatOps.Tests.OpsService;

/// <summary>With the Ops service up and a backend down, the failure the bot shows names that backend and its host (never
/// the credentials of its URL), not the Ops service that relayed it; with the Ops service itself down, it names the Ops
/// service in words, never gRPC's "Error connecting to subchannel.".</summary>
public sealed class BackendBlameTests : IAsyncLifetime
{
    private static readonly OpsCaller Caller = new("U0ALICE", "C0INCIDENT", "test");
    private OpsServiceHost _ops = null!;

    // Port 1 refuses at once; the user info is what a URL with credentials would carry.
    public async Task InitializeAsync() => _ops = await OpsServiceHost.StartAsync("http://reader:s3cret@127.0.0.1:1", "http://127.0.0.1:1",
        ("OpsService:AlertmanagerUrl", "http://127.0.0.1:1/alertmanager"));

    public async Task DisposeAsync() => await _ops.DisposeAsync();

    [Fact]
    public async Task JaegerDown_IsBlamedOnJaeger_WithItsHost()
    {
        var ex = await Assert.ThrowsAsync<OpsException>(() => _ops.Client().ListTracesAsync(new TraceQuery(Service: "checkout"), Caller));

        Assert.StartsWith("Jaeger at 127.0.0.1:1 is unreachable: ", ex.UserMessage);
        Assert.Contains($"(reached through the Ops service at {_ops.Endpoint})", ex.UserMessage);
        Assert.DoesNotContain("is unavailable", ex.UserMessage);
        Assert.Equal(StatusCode.Unavailable, ex.Code);
    }

    [Fact]
    public async Task PrometheusDown_IsBlamedOnPrometheus_WithoutTheCredentialsOfItsUrl()
    {
        var end = DateTimeOffset.UtcNow;
        var ex = await Assert.ThrowsAsync<OpsException>(() => _ops.Client().QueryRangeAsync("up", end.AddHours(-1), end, TimeSpan.FromMinutes(1), Caller));

        Assert.StartsWith("Prometheus at 127.0.0.1:1 is unreachable: ", ex.UserMessage);
        Assert.DoesNotContain("s3cret", ex.UserMessage);
        Assert.DoesNotContain("reader", ex.UserMessage);
    }

    [Fact]
    public async Task AlertmanagerDown_IsBlamedOnAlertmanager()
    {
        var ex = await Assert.ThrowsAsync<OpsException>(() => _ops.Client().ListSilencesAsync(false, Caller));

        Assert.StartsWith("Alertmanager at 127.0.0.1:1 is unreachable: ", ex.UserMessage);
    }

    [Fact]
    public async Task NoOpsService_IsSaidInWords_NotAsGrpcsSubchannelText()
    {
        var options = new ChatOps.Core.Options.OpsOptions { Endpoint = "http://127.0.0.1:1", Timeout = TimeSpan.FromSeconds(5) };
        var client = new OpsGrpcClient(ChatOps.Functions.Ops.OpsChannel.Create(options, ChatOps.Functions.Ops.OpsChannel.Handler()).CreateCallInvoker(), options);

        var ex = await Assert.ThrowsAsync<OpsException>(() => client.AlertsAsync(new AlertQuery([], [], null), Caller));

        Assert.StartsWith("The Ops service at http://127.0.0.1:1 is unavailable: nothing answers there (", ex.UserMessage);
        Assert.EndsWith("); start it, or check Ops__Endpoint.", ex.UserMessage);
        Assert.DoesNotContain("subchannel", ex.UserMessage, StringComparison.OrdinalIgnoreCase);
    }
}
