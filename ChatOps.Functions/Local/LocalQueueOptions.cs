using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatOps.Functions.Local;

/// <summary>
/// Retry semantics of the in-process queue. Defaults come from host.json's extensions.queues, so
/// local mode retries the way the real host would; section "LocalQueue" overrides them (tests).
/// </summary>
public sealed class LocalQueueOptions
{
    public const string Section = "LocalQueue";

    public int MaxDequeueCount { get; set; } = 5;
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Reads maxDequeueCount and visibilityTimeout from a host.json, if present and readable.</summary>
    public void ApplyHostJson(string path)
    {
        if (!File.Exists(path)) return;
        try
        {
            var queues = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"];
            if (queues?["maxDequeueCount"] is JsonValue count && count.TryGetValue<int>(out var n) && n > 0) MaxDequeueCount = n;
            if (queues?["visibilityTimeout"] is JsonValue vis && vis.TryGetValue<string>(out var s) &&
                TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero) VisibilityTimeout = t;
        }
        catch (System.Text.Json.JsonException)
        {
            // A broken host.json breaks the real host too; local mode keeps its defaults.
        }
    }
}
