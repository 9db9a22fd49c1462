using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.Core.Confirmations;

/// <summary>
/// The button value of a confirmation prompt: "c1." + base64url(JSON of the request) + "." +
/// base64url(HMAC-SHA256 over everything before the last dot). Anyone can read it; nobody without the
/// key can change it, so the worker can trust a click's request after checking the MAC.
/// </summary>
public static class ConfirmationToken
{
    private const string Prefix = "c1.";

    public static string Sign(PendingChange change, string key)
    {
        var body = new Body(change.Id, change.Command, change.Arguments, change.RequestedBy, change.ChannelId, change.TeamId,
            change.ExpiresAt.ToUnixTimeSeconds(), change.RequireApproval) { Env = change.Environment, G = change.AlertGroup, X = change.Expected };
        var signed = Prefix + Base64Url(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        return signed + "." + Base64Url(Mac(signed, key));
    }

    /// <summary>The request a token carries, or null when it is malformed or its MAC does not match this key.</summary>
    public static PendingChange? Read(string? token, string key)
    {
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 4000) return null;
        var dot = token.LastIndexOf('.');
        if (dot <= Prefix.Length) return null;
        var signed = token[..dot];
        var mac = FromBase64Url(token[(dot + 1)..]);
        if (mac is null || !CryptographicOperations.FixedTimeEquals(mac, Mac(signed, key))) return null;
        var json = FromBase64Url(signed[Prefix.Length..]);
        if (json is null) return null;
        try
        {
            var b = JsonSerializer.Deserialize<Body>(json, Json);
            if (b is null || string.IsNullOrEmpty(b.I) || string.IsNullOrEmpty(b.C) || string.IsNullOrEmpty(b.U) || string.IsNullOrEmpty(b.Ch)) return null;
            return new PendingChange(b.I, b.C, b.A ?? "", b.U, b.Ch, b.T, DateTimeOffset.FromUnixTimeSeconds(b.E), b.R) { Environment = b.Env, AlertGroup = b.G, Expected = b.X };
        }
        catch (Exception ex) when (ex is JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static byte[] Mac(string signed, string key) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(signed));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var b64 = text.Replace('-', '+').Replace('_', '/');
        b64 += (b64.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        try
        {
            return Convert.FromBase64String(b64);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Short names: the whole token must fit a button value (2,000 characters).
    private sealed record Body(
        [property: JsonPropertyName("i")] string I,
        [property: JsonPropertyName("c")] string C,
        [property: JsonPropertyName("a")] string? A,
        [property: JsonPropertyName("u")] string U,
        [property: JsonPropertyName("ch")] string Ch,
        [property: JsonPropertyName("t")] string? T,
        [property: JsonPropertyName("e")] long E,
        [property: JsonPropertyName("r")] bool R)
    {
        [JsonPropertyName("env")]
        public string? Env { get; init; }

        /// <summary>The alert group a Silence pick asked for (absent otherwise).</summary>
        [JsonPropertyName("g")]
        public string? G { get; init; }

        [JsonPropertyName("x")]
        public string? X { get; init; }
    }

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
