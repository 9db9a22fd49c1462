using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Functions.Ops;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.OpsService;

/// <summary>The optional TLS endpoint: gRPC over HTTPS with ALPN h2, reached by the bot's client with https://.</summary>
public sealed class TlsEndpointTests
{
    [Fact]
    public async Task TlsEndpoint_AnswersTheBotsClient()
    {
        var dir = Directory.CreateTempSubdirectory("tls-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var pfx = Path.Combine(dir, "ops.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        var tlsPort = FreePort.Next();
        await using var ops = await OpsServiceHost.StartAsync("http://127.0.0.1:1", "http://127.0.0.1:1",
            ("OpsService:TlsListen", $"https://127.0.0.1:{tlsPort}"), ("OpsService:TlsCertificate", pfx), ("OpsService:TlsCertificatePassword", "pfx-pass"));

        // The test trusts exactly this self-signed certificate; production uses the machine's trust store.
        var thumbprint = certificate.Thumbprint;
        var handler = OpsChannel.Handler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is X509Certificate2 c && c.Thumbprint == thumbprint;
        var options = new OpsOptions { Endpoint = $"https://127.0.0.1:{tlsPort}" };
        var client = new OpsGrpcClient(OpsChannel.Create(options, handler).CreateCallInvoker(), options);

        await client.ChangeSamplingAsync(new SamplingChange(SamplerKind.Probabilistic, 0.5), new OpsCaller("U1", "C1", "change sampling"));

        Assert.Contains("\"param\": 0.5", await File.ReadAllTextAsync(ops.SamplingFile));
    }
}
