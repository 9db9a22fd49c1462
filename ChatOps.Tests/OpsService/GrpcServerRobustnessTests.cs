using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using ChatOps.Core.Ops.Model;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>Bad input to the gRPC server gets the right status, and it keeps serving.</summary>
public sealed class GrpcServerRobustnessTests : IAsyncLifetime
{
    private OpsServiceHost _ops = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() =>
        _ops = await OpsServiceHost.StartAsync("http://127.0.0.1:1", "http://127.0.0.1:1", ("OpsService:Token", "ops-secret-42"));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _ops.DisposeAsync();
    }

    /// <summary>A raw unary request, framed (or not) by the test itself.</summary>
    private async Task<(StatusCode Code, string Message)> RawAsync(string path, byte[] body, string? token = "ops-secret-42", string? timeout = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_ops.Endpoint}/{path}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (token is not null) request.Headers.TryAddWithoutValidation("authorization", "Bearer " + token);
        if (timeout is not null) request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        using var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = response.TrailingHeaders.Contains("grpc-status") ? response.TrailingHeaders : response.Headers;
        var code = (StatusCode)int.Parse(headers.GetValues("grpc-status").Single());
        var message = headers.TryGetValues("grpc-message", out var m) ? Uri.UnescapeDataString(m.Single()) : "";
        return (code, message);
    }

    private static byte[] Frame(uint declaredLength, int actualLength)
    {
        var frame = new byte[5 + actualLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength);
        Random.Shared.NextBytes(frame.AsSpan(5));
        return frame;
    }

    public static TheoryData<string, string, byte[], StatusCode> BadRequests => new()
    {
        { "a body too short for a frame", "ops.Ops/DeployedVersion", [0, 0], StatusCode.Internal },
        // Grpc.AspNetCore answers a request it cannot deserialize UNKNOWN ("Exception was thrown by handler").
        { "garbage protobuf bytes", "ops.Ops/ShowTrace", [0, 0, 0, 0, 3, 0xff, 0xff, 0xff], StatusCode.Unknown },
        { "a frame longer than its body", "ops.Ops/ShowTrace", Frame(100, 10), StatusCode.Internal },
        { "a frame declaring 100 MB", "ops.Ops/ShowTrace", Frame(100_000_000, 10), StatusCode.ResourceExhausted },
        { "a 5 MB body", "ops.Ops/ShowTrace", Frame(5_000_000, 5_000_000), StatusCode.ResourceExhausted },
        { "a compressed frame", "ops.Ops/DeployedVersion", [1, 0, 0, 0, 0], StatusCode.Internal },
        { "an unknown method", "ops.Ops/Undeploy", [0, 0, 0, 0, 0], StatusCode.Unimplemented },
        { "an unknown service", "other.Service/Alerts", [0, 0, 0, 0, 0], StatusCode.Unimplemented },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadRequest_GetsItsStatus_AndTheServerKeepsServing(string what, string path, byte[] body, StatusCode expected)
    {
        var (code, message) = await RawAsync(path, body);

        Assert.True(code == expected, $"{what}: {code} {message}");
        Assert.NotEmpty(message);
        // Still serving: a well-formed call reaches the implementation (sampling needs no backend).
        await _ops.Client("ops-secret-42").ChangeSamplingAsync(new SamplingChange(SamplerKind.Always), new OpsCaller("U1", "C1", "test"));
    }

    [Theory]
    [InlineData("99999999S")]
    [InlineData("2000H")]
    [InlineData("1n")]
    public async Task AnyValidGrpcTimeout_IsHandled(string timeout)
    {
        // ChangeSampling with an empty request is refused as INVALID_ARGUMENT (type unknown), unless the deadline passed first.
        var (code, _) = await RawAsync("ops.Ops/ChangeSampling", [0, 0, 0, 0, 0], timeout: timeout);

        Assert.True(code is StatusCode.InvalidArgument or StatusCode.DeadlineExceeded, $"{timeout}: {code}");
    }

    [Fact]
    public async Task TheConfiguredToken_NeverReachesALogLine()
    {
        await RawAsync("ops.Ops/DeployedVersion", [0, 0, 0, 0, 0], "wrong-token");
        await _ops.Client("ops-secret-42").ChangeSamplingAsync(new SamplingChange(SamplerKind.Always), new OpsCaller("U1", "C1", "test"));

        Assert.NotEmpty(_ops.Logs.Lines);
        Assert.DoesNotContain(_ops.Logs.Lines, l => l.Message.Contains("ops-secret-42") || l.Message.Contains("wrong-token"));
    }

    [Theory]
    [InlineData(null, StatusCode.Unauthenticated)]
    [InlineData("wrong-token", StatusCode.PermissionDenied)]
    public async Task WithATokenConfigured_CallersWithoutIt_AreRefused(string? token, StatusCode expected)
    {
        var (code, _) = await RawAsync("ops.Ops/DeployedVersion", [0, 0, 0, 0, 0], token);

        Assert.Equal(expected, code);
    }
}
