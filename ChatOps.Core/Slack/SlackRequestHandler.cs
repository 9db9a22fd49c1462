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
        return form is not null ? HandleForm(form, retry) : HandleJson(body, retry);
    }

    private SlackAck HandleForm(IReadOnlyDictionary<string, string> form, RetryInfo retry)
    {
        if (form.TryGetValue("payload", out var payload)) return InteractionReader.Read(payload, clock.GetUtcNow(), retry);
        if (!form.ContainsKey("command")) return SlackAck.BadRequest("form body has neither command nor payload");
        return SlashCommandReader.Read(form, clock.GetUtcNow(), retry, _limits.MaxCommandLength);
    }

    private SlackAck HandleJson(string body, RetryInfo retry)
    {
        if (ParseObject(body) is not { } root) return SlackAck.BadRequest("body is not a JSON object");

        return Str(root, "type") switch
        {
            "url_verification" => SlackAck.Json(
                new JsonObject { ["challenge"] = Str(root, "challenge") ?? "" }.ToJsonString(), "url_verification"),
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

    /// <summary>The text as a JSON object; null for anything else (not JSON, an array, a string).</summary>
    internal static JsonObject? ParseObject(string text)
    {
        try
        {
            // Duplicate keys are refused here: JsonObject would otherwise throw on first access, deep inside a reader.
            return JsonNode.Parse(text, null, NoDuplicates) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static string? Str(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
