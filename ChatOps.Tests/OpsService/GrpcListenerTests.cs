using System.Net;
using System.Net.Http.Headers;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>What reaches the Ops service's listeners: only gRPC requests are served as gRPC, each
/// listener serves only its own endpoints, and caller metadata cannot forge log lines.</summary>
public sealed class GrpcListenerTests : IAsyncLifetime
{
    private OpsServiceHost _ops = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _ops = await OpsServiceHost.StartAsync("http://127.0.0.1:1", "http://127.0.0.1:1");

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _ops.DisposeAsync();
    }

    /// <summary>ChangeSampling with an empty message over h2c: a valid gRPC call, answered INVALID_ARGUMENT (no type).</summary>
    private async Task<HttpResponseMessage> PostAsync(string? contentType, params (string Name, string Value)[] metadata)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_ops.Endpoint}/ops.Ops/ChangeSampling")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        else request.Content.Headers.ContentType = null;
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in metadata) request.Headers.TryAddWithoutValidation(name, value);
        var response = await _http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response;
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task ARequestThatIsNotGrpc_IsRefusedWith415(string? contentType)
    {
        using var response = await PostAsync(contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("application/grpc")]
    [InlineData("application/grpc+proto")]
    public async Task GrpcContentTypes_AreServed(string contentType)
    {
        using var response = await PostAsync(contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = response.TrailingHeaders.Contains("grpc-status") ? response.TrailingHeaders : response.Headers;
        Assert.Equal("3", headers.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task ControlCharactersInCallerMetadata_NeverReachTheLog()
    {
        // An escape sequence that moves the cursor up and erases the line, a tab and a DEL: in a terminal
        // or a plain log file they would rewrite or hide the line before.
        const string forged = "U0EVE\u001b[1A\u001b[2K\tINFO admin logged in\u007f";

        await PostAsync("application/grpc", ("x-chatops-user", forged), ("x-chatops-channel", "C0\u001bX"), ("x-chatops-command", "x\u0007"));

        var line = Assert.Single(_ops.Logs.Lines, l => l.Category == "ChatOps.OpsService.Calls").Message;
        Assert.DoesNotContain(line, c => char.IsControl(c));
        Assert.Contains("U0EVE?[1A?[2K?INFO admin logged in?", line);
    }

    [Fact]
    public async Task MetricsAndHealth_AreNotServedOnTheGrpcPort()
    {
        foreach (var path in new[] { "/metrics", "/healthz" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _ops.Endpoint + path)
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            using var response = await _http.SendAsync(request);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Equal("ok", await _http.GetStringAsync($"http://127.0.0.1:{_ops.MetricsPort}/healthz"));
    }

    [Fact]
    public async Task Grpc_IsNotServedOnTheMetricsPort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_ops.MetricsPort}/ops.Ops/ChangeSampling")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("grpc-status"));
        Assert.DoesNotContain(_ops.Logs.Lines, l => l.Category == "ChatOps.OpsService.Calls");
    }
}
