using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Functions.HostProtocol;

/// <summary>
/// Data.&lt;message&gt; of a queue trigger. The host serializes the message text again as a JSON
/// string, so a JSON message arrives as a string literal holding the JSON; some host versions send
/// it once-encoded. This unwraps up to two string levels and returns the JSON object inside.
/// </summary>
public static class QueueTriggerData
{
    public static JsonElement? MessageObject(JsonObject data, string triggerName)
    {
        var node = data[triggerName];
        for (var level = 0; level < 3 && node is not null; level++)
        {
            if (node is JsonObject) return JsonSerializer.SerializeToElement(node);
            if (node is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>The payload the host would send for a message with this text (local mode and tests).</summary>
    public static JsonObject ToHostPayload(string triggerName, string messageText, string id, int dequeueCount, DateTimeOffset insertedAt)
    {
        return new JsonObject
        {
            // The host's double encoding: the message text, serialized once more as a JSON string.
            ["Data"] = new JsonObject { [triggerName] = JsonSerializer.Serialize(messageText) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = dequeueCount,
                ["Id"] = id,
                ["InsertionTime"] = insertedAt.ToString("O"),
                ["ExpirationTime"] = insertedAt.AddDays(7).ToString("O"),
                ["NextVisibleTime"] = DateTimeOffset.UtcNow.ToString("O"),
                ["PopReceipt"] = Guid.NewGuid().ToString("N"),
                ["sys"] = new JsonObject { ["MethodName"] = triggerName, ["UtcNow"] = DateTimeOffset.UtcNow.ToString("O") },
            },
        };
    }
}
