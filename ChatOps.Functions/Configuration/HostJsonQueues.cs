using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Functions.Configuration;

/// <summary>The queue retry settings of host.json (extensions.queues), which local mode imitates and
/// the worker needs to recognise a message's last attempt.</summary>
public sealed record HostJsonQueues(int MaxDequeueCount, TimeSpan VisibilityTimeout)
{
    /// <summary>The Functions host's own defaults, used where host.json says nothing.</summary>
    public static readonly HostJsonQueues Defaults = new(5, TimeSpan.Zero);

    public static HostJsonQueues Read(string path)
    {
        if (!File.Exists(path)) return Defaults;
        try
        {
            var queues = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"];
            var max = queues?["maxDequeueCount"] is JsonValue c && c.TryGetValue<int>(out var n) && n > 0 ? n : Defaults.MaxDequeueCount;
            var visibility = queues?["visibilityTimeout"] is JsonValue v && v.TryGetValue<string>(out var s) &&
                             TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) && t >= TimeSpan.Zero
                ? t
                : Defaults.VisibilityTimeout;
            return new HostJsonQueues(max, visibility);
        }
        catch (JsonException)
        {
            // A broken host.json stops the real host too; here the defaults apply.
            return Defaults;
        }
    }
}
