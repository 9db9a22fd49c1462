using System.Text.Json.Nodes;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Functions.Ops;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>gRPC over HTTPS with ALPN h2, both ways: the bot's client against our TLS endpoint and
/// against python3-grpcio's, and python3-grpcio's client against our TLS endpoint.</summary>
public sealed class TlsEndpointTests
{
    private static readonly OpsCaller Caller = new("U1", "C1", "change sampling");

    private static OpsGrpcClient BotClient(string endpoint, TestCertificate certificate)
    {
        var handler = OpsChannel.Handler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => certificate.Validates(cert);
        var options = new OpsOptions { Endpoint = endpoint };
        return new OpsGrpcClient(OpsChannel.Create(options, handler).CreateCallInvoker(), options);
    }

    private static Task<OpsServiceHost> StartTlsServiceAsync(TestCertificate certificate, int tlsPort) =>
        OpsServiceHost.StartAsync("http://127.0.0.1:1", "http://127.0.0.1:1", ("OpsService:TlsListen", $"https://127.0.0.1:{tlsPort}"),
            ("OpsService:TlsCertificate", certificate.Pfx), ("OpsService:TlsCertificatePassword", TestCertificate.PfxPassword));

    [Fact]
    public async Task TlsEndpoint_AnswersTheBotsClient()
    {
        var certificate = await TestCertificate.CreateAsync();
        var tlsPort = FreePort.Next();
        await using var ops = await StartTlsServiceAsync(certificate, tlsPort);

        await BotClient($"https://127.0.0.1:{tlsPort}", certificate).ChangeSamplingAsync(new SamplingChange(SamplerKind.Probabilistic, 0.5), Caller);

        Assert.Contains("\"param\": 0.5", await File.ReadAllTextAsync(ops.SamplingFile));
    }

    [Fact]
    public async Task TlsEndpoint_AnswersPythonGrpcio()
    {
        var certificate = await TestCertificate.CreateAsync();
        var tlsPort = FreePort.Next();
        await using var ops = await StartTlsServiceAsync(certificate, tlsPort);

        var call = await PythonOpsClient.CallOverTlsAsync($"127.0.0.1:{tlsPort}", certificate.CertPem, "ChangeSampling",
            """{"type":"STFloat","float_value":0.25}""");

        Assert.Equal("OK", (string?)call["code"]);
        Assert.Contains("\"param\": 0.25", await File.ReadAllTextAsync(ops.SamplingFile));
    }

    [Fact]
    public async Task BotsClient_CallsPythonGrpcioOverTls()
    {
        var certificate = await TestCertificate.CreateAsync();
        var fixture = JsonNode.Parse("""{ "DeployedVersion": { "version": "v9.9.9" } }""")!.AsObject();
        await using var server = await PythonOpsServer.StartAsync(fixture, "--tls-cert", certificate.CertPem, "--tls-key", certificate.KeyPem);

        var version = await BotClient($"https://127.0.0.1:{server.Port}", certificate).DeployedVersionAsync(Caller);

        Assert.Equal("v9.9.9", version);
        Assert.Equal("U1", (string?)server.SingleCall("DeployedVersion")["metadata"]!["x-chatops-user"]);
    }
}
