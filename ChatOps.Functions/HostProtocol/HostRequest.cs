using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Functions.HostProtocol;

/// <summary>
/// The invocation body the Functions host posts to a custom handler: { "Data": {...}, "Metadata": {...} }.
/// Read leniently: the host's value types vary between versions (numbers may arrive as strings).
/// </summary>
public sealed record HostRequest(JsonObject Data, JsonObject Metadata)
{
    public static HostRequest? TryParse(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject root) return null;
            return new HostRequest(root["Data"] as JsonObject ?? [], root["Metadata"] as JsonObject ?? []);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public int MetadataInt(string name, int fallback) => Metadata[name] switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => fallback,
    };

    public string? MetadataString(string name) => Metadata[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}
