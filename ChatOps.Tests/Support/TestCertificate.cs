using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ChatOps.Tests.Support;

/// <summary>A self-signed certificate for 127.0.0.1, as a .pfx (for Kestrel) and PEM files (for grpcio).</summary>
public sealed class TestCertificate
{
    public const string PfxPassword = "pfx-pass";

    private TestCertificate(string thumbprint, string pfx, string certPem, string keyPem) =>
        (Thumbprint, Pfx, CertPem, KeyPem) = (thumbprint, pfx, certPem, keyPem);

    public string Thumbprint { get; }
    public string Pfx { get; }
    public string CertPem { get; }
    public string KeyPem { get; }

    public static async Task<TestCertificate> CreateAsync()
    {
        var dir = Directory.CreateTempSubdirectory("tls-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var (pfx, certPem, keyPem) = (Path.Combine(dir, "ops.pfx"), Path.Combine(dir, "ops.crt"), Path.Combine(dir, "ops.key"));
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, PfxPassword));
        await File.WriteAllTextAsync(certPem, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPem, key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(certificate.Thumbprint, pfx, certPem, keyPem);
    }

    /// <summary>Trusts exactly this certificate; production uses the machine's trust store.</summary>
    public bool Validates(X509Certificate? presented) => presented is X509Certificate2 c && c.Thumbprint == Thumbprint;
}
