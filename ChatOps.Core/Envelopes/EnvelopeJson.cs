using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.Core.Envelopes;

/// <summary>The one JSON shape of an envelope on the queue (camelCase, enums as names).</summary>
public static class EnvelopeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(CommandEnvelope envelope) => JsonSerializer.Serialize(envelope, Options);

    /// <summary>The same JSON as an object: what a queue output binding is given (never a bare string).</summary>
    public static System.Text.Json.Nodes.JsonObject ToJsonObject(CommandEnvelope envelope) =>
        (System.Text.Json.Nodes.JsonObject)JsonSerializer.SerializeToNode(envelope, Options)!;

    /// <summary>Reads an envelope; null when the JSON is not one (missing required fields, wrong types).</summary>
    public static CommandEnvelope? TryDeserialize(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        try
        {
            return element.Deserialize<CommandEnvelope>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
