using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Functions.Configuration;

/// <summary>The queue settings of host.json (extensions.queues): the worker needs maxDequeueCount to know a
/// message's last attempt, and the local host imitates the rest as the Functions host applies them.</summary>
public sealed record HostJsonQueues(int MaxDequeueCount, TimeSpan VisibilityTimeout, int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval)
{
    /// <summary>The Functions host's own defaults, used where host.json says nothing (newBatchThreshold
    /// defaults to half the batch size there).</summary>
    public static readonly HostJsonQueues Defaults = new(5, TimeSpan.Zero, 16, 8, TimeSpan.FromMinutes(1));

    public static HostJsonQueues Read(string path)
    {
        if (!File.Exists(path)) return Defaults;
        try
        {
            var queues = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"];
            var batch = Int(queues, "batchSize") ?? Defaults.BatchSize;
            return new HostJsonQueues(
                Int(queues, "maxDequeueCount") ?? Defaults.MaxDequeueCount,
                Span(queues, "visibilityTimeout") ?? Defaults.VisibilityTimeout,
                batch,
                Int(queues, "newBatchThreshold") ?? batch / 2,
                Span(queues, "maxPollingInterval") ?? Defaults.MaxPollingInterval);
        }
        catch (JsonException)
        {
            // A broken host.json stops the real host too; here the defaults apply.
            return Defaults;
        }
    }

    private static int? Int(JsonNode? queues, string name) =>
        queues?[name] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n : null;

    private static TimeSpan? Span(JsonNode? queues, string name) =>
        queues?[name] is JsonValue v && v.TryGetValue<string>(out var s) && TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero
            ? t
            : null;
}
