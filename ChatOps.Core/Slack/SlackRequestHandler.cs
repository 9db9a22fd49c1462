using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Core.Options;

namespace ChatOps.Core.Slack;

/// <summary>
/// Decides what to do with one HTTP request from Slack (event, slash command or interactivity):
/// verify, then classify, then build the envelope. Pure apart from the clock.
/// </summary>
public sealed class SlackRequestHandler(SlackOptions options, TimeProvider clock, LimitOptions? limits = null)
{
    private readonly LimitOptions _limits = limits ?? new LimitOptions();

    public SlackAck Handle(IReadOnlyDictionary<string, string> headers, string body)
    {
        // Before the HMAC over the whole body and any parsing of it; nothing Slack sends comes near the limit.
        // The bytes are the ones the HMAC is checked over below: encoded once.
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > _limits.MaxBodyBytes)
            return new SlackAck(413, $"request body is {bytes.Length} bytes; the limit is {_limits.MaxBodyBytes}", "text/plain", null,
                $"refused: body of {bytes.Length} bytes over Limits__MaxBodyBytes");

        var isForm = IsForm(headers, body);
        var form = isForm ? FormBody.Parse(body) : null;

        // Slack's ssl_check probes are unsigned by design; answering them does nothing.
        if (form is not null && form.GetValueOrDefault("ssl_check") == "1") return SlackAck.Empty("ssl_check");

        var check = SlackSignature.Verify(
            options.SigningSecret, headers.GetValueOrDefault("X-Slack-Request-Timestamp"),
            headers.GetValueOrDefault("X-Slack-Signature"), bytes, clock.GetUtcNow());
        if (check != SignatureCheck.Valid) return SlackAck.Unauthorized("rejected: " + check);

        var retry = RetryInfo.From(headers);
        return form is not null ? HandleForm(form, retry, headers.GetValueOrDefault("X-Slack-Signature")) : HandleJson(body, retry);
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
