using System.Text.Json.Nodes;

namespace ChatOps.Functions.HostProtocol;

/// <summary>
/// Data.&lt;name&gt; of a blob input binding: null when the blob does not exist. With dataType string the
/// content arrives as a JSON string, possibly encoded once more like queue messages, or already parsed
/// when the content is JSON; this returns the content's text in every case.
/// </summary>
public static class BlobInputData
{
    public static string? Text(JsonObject data, string name)
    {
        var node = data[name];
        for (var level = 0; level < 3 && node is not null; level++)
        {
            if (node is JsonObject or JsonArray) return node.ToJsonString();
            if (node is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
            if (string.IsNullOrWhiteSpace(text)) return null;
            var trimmed = text.TrimStart();
            if (!trimmed.StartsWith('"')) return text;
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return text;
            }
        }
        return null;
    }
}
