using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChatOps.Core.Slack;

/// <summary>
/// Slack's request signing (v0): HMAC-SHA256 over "v0:{timestamp}:{raw body}" with the signing
/// secret. Fails closed: no secret, no timestamp, a stale timestamp or any mismatch is a rejection.
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static SignatureCheck Verify(
        string? signingSecret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> rawBody, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signingSecret)) return SignatureCheck.NoSecretConfigured;
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader)) return SignatureCheck.MissingHeaders;
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
            return SignatureCheck.StaleTimestamp;

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, 0, 253402300799));
        if (age.Duration() > MaxClockSkew) return SignatureCheck.StaleTimestamp;

        var expected = Compute(signingSecret, timestampHeader, rawBody);
        var given = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value Slack would send: "v0=" + lowercase hex.</summary>
    public static byte[] Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return Encoding.ASCII.GetBytes("v0=" + Convert.ToHexStringLower(mac));
    }
}
