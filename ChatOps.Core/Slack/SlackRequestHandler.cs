using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Core.Options;

namespace ChatOps.Core.Slack;

/// <summary>
/// Decides what to do with one HTTP request from Slack (event, slash command or interactivity):
/// verify, then classify, then build the envelope. Pure apart from the clock.
/// </summary>
public sealed class SlackRequestHandler(SlackOptions options, TimeProvider clock, LimitOptions? limits = null,
    Environments.EnvironmentCatalog? environments = null)
{
    private readonly LimitOptions _limits = limits ?? new LimitOptions();

    /// <summary>Text bodies for tests and tools; the function passes the bytes it received.</summary>
    public SlackAck Handle(IReadOnlyDictionary<string, string> headers, string body)
    {
        // A string can hold what no UTF-8 body can (an unpaired surrogate); it is refused, not silently replaced.
        try
        {
            return Handle(headers, Utf8Strict.GetBytes(body));
        }
        catch (EncoderFallbackException)
        {
            return SlackAck.BadRequest("the body holds an unpaired surrogate, which is not Unicode text");
        }
    }

    /// <param name="body">The request body exactly as received: the signature covers these bytes, so a body that
    /// differs in any byte from what was signed (a byte-order mark added, another encoding) is refused.</param>
    public SlackAck Handle(IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        // Before the HMAC over the whole body and any parsing of it; nothing Slack sends comes near the limit.
        if (body.Length > _limits.MaxBodyBytes) return TooLarge(body.Length, _limits.MaxBodyBytes);

        var text = StrictUtf8(body);
        var form = text is not null && IsForm(headers, text) ? FormBody.Parse(text) : null;

        // Slack's ssl_check probes are unsigned by design; answering them does nothing.
        if (form is not null && form.GetValueOrDefault("ssl_check") == "1") return SlackAck.Empty("ssl_check");

        var check = SlackSignature.Verify(
            options.SigningSecret, headers.GetValueOrDefault("X-Slack-Request-Timestamp"),
            headers.GetValueOrDefault("X-Slack-Signature"), body, clock.GetUtcNow());
        if (check != SignatureCheck.Valid) return SlackAck.Unauthorized("rejected: " + check);
        if (text is null) return SlackAck.BadRequest("the body is not valid UTF-8");

        var retry = RetryInfo.From(headers);
        return WithEnvironment(form is not null ? HandleForm(form, retry, headers.GetValueOrDefault("X-Slack-Signature")) : HandleJson(text, retry));
    }

    /// <summary>A typed command's environment is chosen once, here, and travels in the envelope: a redelivery runs
    /// against the same Ops service even if the channel's default changed in between. An unknown name is left for
    /// the worker, which answers it with the known ones.</summary>
    private SlackAck WithEnvironment(SlackAck ack) =>
        environments is not null && ack.Envelope is { Kind: Envelopes.EnvelopeKind.Command, Click: null } envelope &&
        Environments.EnvironmentChoice.For(environments, envelope.Text, envelope.ChannelId).Environment is { } chosen
            ? ack with { Envelope = envelope with { Environment = chosen.Name } }
            : ack;

    /// <summary>The answer to a body over the limit, also given before reading one whose Content-Length says so.</summary>
    public static SlackAck TooLarge(long length, int limit) =>
        new(413, $"request body is {length} bytes; the limit is {limit}", "text/plain", null, $"refused: body of {length} bytes over Limits__MaxBodyBytes");

    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string? StrictUtf8(ReadOnlySpan<byte> body)
    {
        try
        {
            return Utf8Strict.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <param name="signature">The verified X-Slack-Signature: it names this exact request (timestamp and body), so a
    /// replay of a slash command that came without a trigger_id is still recognised.</param>
    private SlackAck HandleForm(FormFields form, RetryInfo retry, string? signature)
    {
        if (form.Problem is { } problem) return SlackAck.BadRequest(problem);
        if (form.TryGetValue("payload", out var payload)) return InteractionReader.Read(payload, clock.GetUtcNow(), retry);
        if (!form.ContainsKey("command")) return SlackAck.BadRequest("form body has neither command nor payload");
        return SlashCommandReader.Read(form, clock.GetUtcNow(), retry, _limits.MaxCommandLength, signature ?? "");
    }

    private SlackAck HandleJson(string body, RetryInfo retry)
    {
        if (ParseObject(body, out var why) is not { } root) return SlackAck.BadRequest("body is " + why);
        if (root["type"] is { } t && t.GetValueKind() != JsonValueKind.String) return SlackAck.BadRequest("type is not a string");

        return Str(root, "type") switch
        {
            "url_verification" => Str(root, "challenge") is { } challenge
                ? SlackAck.Json(new JsonObject { ["challenge"] = challenge }.ToJsonString(), "url_verification")
                : SlackAck.BadRequest("url_verification without a string challenge"),
            "event_callback" => new EventReader(string.IsNullOrWhiteSpace(options.BotUserId) ? null : options.BotUserId, clock.GetUtcNow(), retry,
                _limits.MaxCommandLength).Read(root),
            var other => SlackAck.Empty($"ignored envelope type {other ?? "(none)"}"),
        };
    }

    private static bool IsForm(IReadOnlyDictionary<string, string> headers, string body)
    {
        var contentType = headers.GetValueOrDefault("Content-Type") ?? "";
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) return true;
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)) return false;
        return !body.TrimStart().StartsWith('{');
    }

    private static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false };

    /// <summary>The text as a JSON object whose every string is readable; null for anything else (not JSON, an
    /// array, a string, a lone surrogate), with <paramref name="why"/> saying which.</summary>
    internal static JsonObject? ParseObject(string text, out string why)
    {
        JsonNode? node;
        try
        {
            // Duplicate keys are refused here: JsonObject would otherwise throw on first access, deep inside a reader.
            node = JsonNode.Parse(text, null, NoDuplicates);
        }
        catch (JsonException)
        {
            why = "not JSON";
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // A lone surrogate in a property name (escaped), or as a character of the text itself.
            why = LoneSurrogate;
            return null;
        }
        if (node is not JsonObject root)
        {
            why = "not a JSON object";
            return null;
        }
        why = JsonStrings.AllReadable(root) ? "" : LoneSurrogate;
        return why.Length == 0 ? root : null;
    }

    private const string LoneSurrogate = "JSON with a lone surrogate escape (\\ud800-\\udfff unpaired) in a string";

    internal static string? Str(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
