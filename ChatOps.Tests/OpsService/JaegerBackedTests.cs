using System.Web;
using ChatOps.Core.Ops;
using Grpc.Core;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>ListTraces, ShowTrace and ShowLogs mapped from Jaeger's JSON (recorded fixtures; see Fixtures/jaeger/README.md).</summary>
public sealed class JaegerBackedTests : IAsyncLifetime
{
    private const string TraceA = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static readonly OpsCaller Caller = new("U0ALICE", "C0INCIDENT", "test");
    private FakeJaeger _jaeger = null!;
    private OpsServiceHost _ops = null!;

    public async Task InitializeAsync()
    {
        _jaeger = await FakeJaeger.StartAsync();
        _ops = await OpsServiceHost.StartAsync("http://127.0.0.1:1", _jaeger.Url);
    }

    public async Task DisposeAsync()
    {
        await _ops.DisposeAsync();
        await _jaeger.DisposeAsync();
    }

    [Fact]
    public async Task ListTraces_MapsIdsAndStarts_NewestFirst_AndSendsEveryFilterToJaeger()
    {
        var start = new DateTimeOffset(2025, 11, 21, 4, 0, 0, TimeSpan.Zero);
        var query = new TraceQuery(null, "GET /cart", start, start.AddHours(2), 5, [new("http.status_code", "500")],
            TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));

        var traces = await _ops.Client().ListTracesAsync(query, Caller);

        Assert.Equal([TraceA, "0af7651916cd43dd8448eb211c80319c", "5b8aa5a2d2c872e8321cf37308d69df2"], traces.Select(t => t.Id));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(1763700123456789 * 10), traces[0].Start);
        var sent = HttpUtility.ParseQueryString(Assert.Single(_jaeger.Queries));
        Assert.Equal("checkout", sent["service"]);
        Assert.Equal("GET /cart", sent["operation"]);
        Assert.Equal("5", sent["limit"]);
        Assert.Equal("{\"http.status_code\":\"500\"}", sent["tags"]);
        Assert.Equal("250000us", sent["minDuration"]);
        Assert.Equal("2000000us", sent["maxDuration"]);
        Assert.Equal("1763697600000000", sent["start"]);
        Assert.Equal("1763704800000000", sent["end"]);
    }

    [Fact]
    public async Task ShowTrace_MapsOperationsErrorValuesTagKeysAndTheLongestSpan()
    {
        var trace = await _ops.Client().ShowTraceAsync(TraceA, Caller);

        Assert.Equal(["GET /cart", "SELECT cart", "POST /payment"], trace.Operations);
        Assert.Equal(["true", "payment declined"], trace.Errors);
        Assert.Equal(["span.kind", "component", "http.method", "http.url", "http.status_code", "error", "db.system", "db.statement"], trace.TagKeys);
        Assert.Equal(TimeSpan.FromMicroseconds(1234567), trace.LongestSpan);
    }

    [Fact]
    public async Task ShowLogs_ReturnsEveryLogEvent_InTimeOrder_WithTypedFields()
    {
        var logs = await _ops.Client().ShowLogsAsync(TraceA, Caller);

        Assert.Equal([1763700123470123L, 1763700123600000L, 1763700124600000L, 1763700124690001L],
            logs.Events.Select(e => (e.Time - DateTimeOffset.UnixEpoch).Ticks / 10));
        Assert.Equal(12, logs.Events.Sum(e => e.Fields.Count));
    }

    [Fact]
    public async Task TheSameTagTwice_IsInvalidArgument()
    {
        var ex = await Assert.ThrowsAsync<OpsException>(() =>
            _ops.Client().ListTracesAsync(new TraceQuery(Tags: [new("env", "prod"), new("env", "dev")]), Caller));

        Assert.Equal(StatusCode.InvalidArgument, ex.Code);
    }

    [Fact]
    public async Task UnknownTrace_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<OpsException>(() => _ops.Client().ShowTraceAsync("ffffffffffffffff", Caller));

        Assert.Equal(StatusCode.NotFound, ex.Code);
        Assert.Contains("trace ffffffffffffffff not found", ex.UserMessage);
    }

    [Fact]
    public async Task DeadlineOfOneMillisecond_IsDeadlineExceeded_AndTheServerKeepsServing()
    {
        // Sent by hand so that only the server's handling of grpc-timeout decides the answer
        // (the bot's client would give up locally first).
        var request = new ChatOps.Wire.Ops.ListTracesReq { Service = "slow" };
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(HttpMethod.Post, _ops.Endpoint + "/ops.Ops/ListTraces")
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Framed(Google.Protobuf.MessageExtensions.ToByteArray(request))),
        };
        message.Content.Headers.ContentType = new("application/grpc");
        message.Headers.TryAddWithoutValidation("grpc-timeout", "1m");
        var started = DateTime.UtcNow;
        using var response = await http.SendAsync(message);
        await response.Content.ReadAsByteArrayAsync();

        // Trailers-only (the status in the headers) is as valid an answer as a status in the trailers.
        var status = response.TrailingHeaders.Contains("grpc-status") ? response.TrailingHeaders : response.Headers;
        Assert.Equal("4", status.GetValues("grpc-status").Single());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "the server waited for Jaeger past the deadline");
        Assert.Equal(3, (await _ops.Client().ListTracesAsync(new TraceQuery(Service: "checkout"), Caller)).Count);
    }

    /// <summary>gRPC's length prefix: not compressed, 4 bytes big-endian length.</summary>
    private static byte[] Framed(byte[] message)
    {
        var framed = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed.AsSpan(5));
        return framed;
    }
}
