using System.Text.Json.Nodes;

namespace ChatOps.OpsService.Backends;

/// <summary>A trace in Jaeger's JSON model: spans with start and duration in microseconds, typed
/// tags ({key, type, value}) and logs ({timestamp, fields}).</summary>
public sealed record JaegerTrace(string Id, IReadOnlyList<JaegerSpan> Spans)
{
    public static JaegerTrace From(JsonObject trace) => new(
        (string?)trace["traceID"] ?? "",
        (trace["spans"] as JsonArray ?? []).OfType<JsonObject>().Select(JaegerSpan.From).ToList());
}

public sealed record JaegerSpan(string Operation, long StartMicros, long DurationMicros, IReadOnlyList<JaegerField> Tags, IReadOnlyList<JaegerLog> Logs)
{
    public static JaegerSpan From(JsonObject span) => new(
        (string?)span["operationName"] ?? "",
        Long(span["startTime"]),
        Long(span["duration"]),
        Fields(span["tags"]),
        (span["logs"] as JsonArray ?? []).OfType<JsonObject>().Select(l => new JaegerLog(Long(l["timestamp"]), Fields(l["fields"]))).ToList());

    internal static IReadOnlyList<JaegerField> Fields(JsonNode? node) =>
        (node as JsonArray ?? []).OfType<JsonObject>()
            .Select(f => new JaegerField((string?)f["key"] ?? "", ((string?)f["type"] ?? "string").ToLowerInvariant(), f["value"]))
            .ToList();

    private static long Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n
        : node is JsonValue d && d.TryGetValue<double>(out var x) ? (long)x : 0;
}

public sealed record JaegerLog(long TimestampMicros, IReadOnlyList<JaegerField> Fields);

/// <summary>A tag or log field; <see cref="Value"/> is the raw JSON value (string, bool or number).</summary>
public sealed record JaegerField(string Key, string Type, JsonNode? Value)
{
    /// <summary>The value as text, as a person would write it (true, 500, 0.25).</summary>
    public string Text => Value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        null => "",
        _ => Value.ToJsonString(),
    };
}
