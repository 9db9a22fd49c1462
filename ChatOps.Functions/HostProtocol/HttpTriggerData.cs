using System.Text.Json.Nodes;

namespace ChatOps.Functions.HostProtocol;

/// <summary>
/// Data.&lt;req&gt; of an HTTP trigger: headers map a name to an array of values (looked up
/// case-insensitively), Body is the raw request text. Url and Query may carry a function key
/// (?code=): they are never logged.
/// </summary>
public sealed record HttpTriggerData(IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static HttpTriggerData? From(JsonObject data, string triggerName)
    {
        if (data[triggerName] is not JsonObject req) return null;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (req["Headers"] is JsonObject h)
        {
            foreach (var (name, value) in h)
            {
                var first = value switch
                {
                    JsonArray a => a.FirstOrDefault() is JsonValue v && v.TryGetValue<string>(out var s) ? s : null,
                    JsonValue v when v.TryGetValue<string>(out var s) => s,
                    _ => null,
                };
                if (first is not null) headers[name] = first;
            }
        }
        var body = req["Body"] is JsonValue b && b.TryGetValue<string>(out var text) ? text : "";
        return new HttpTriggerData(headers, body);
    }

    /// <summary>The payload the host would send for this request (used by local mode and tests).</summary>
    public static JsonObject ToHostPayload(string triggerName, string method, string url, IEnumerable<KeyValuePair<string, string[]>> headers, string? body)
    {
        var headerJson = new JsonObject();
        foreach (var (name, values) in headers) headerJson[name] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray());
        var req = new JsonObject
        {
            ["Url"] = url,
            ["Method"] = method,
            ["Query"] = new JsonObject(),
            ["Headers"] = headerJson,
            ["Params"] = new JsonObject(),
            ["Identities"] = new JsonArray(),
        };
        if (!string.IsNullOrEmpty(body)) req["Body"] = body;
        return new JsonObject { ["Data"] = new JsonObject { [triggerName] = req }, ["Metadata"] = new JsonObject() };
    }
}
