using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.OpsService.Backends;

/// <summary>
/// Jaeger's remote-sampling strategies file (the collector's --sampling.strategies-file). Only
/// "probabilistic" and "ratelimiting" are strategy types there; `const` exists only as an SDK-side
/// sampler, so never/always are written as probabilistic 0 and 1. Other services' entries and any
/// other fields are kept; the write is atomic (temporary file, then rename).
/// </summary>
public sealed class SamplingFile(string path)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task SetProbabilityAsync(string? service, double rate, CancellationToken ct)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var root = await ReadAsync(ct).ConfigureAwait(false);
            if (string.IsNullOrEmpty(service))
            {
                var current = root["default_strategy"] as JsonObject ?? [];
                current["type"] = "probabilistic";
                current["param"] = rate;
                root["default_strategy"] = current;
            }
            else
            {
                var services = root["service_strategies"] as JsonArray ?? [];
                root["service_strategies"] = services;
                var entry = services.OfType<JsonObject>().FirstOrDefault(s => (string?)s["service"] == service);
                if (entry is null) services.Add(new JsonObject { ["service"] = service, ["type"] = "probabilistic", ["param"] = rate });
                else
                {
                    entry["type"] = "probabilistic";
                    entry["param"] = rate;
                }
            }
            await WriteAtomicallyAsync(root, ct).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<JsonObject> ReadAsync(CancellationToken ct)
    {
        if (!File.Exists(path)) return new JsonObject { ["service_strategies"] = new JsonArray() };
        try
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)) as JsonObject
                   ?? throw new InvalidDataException($"{path} is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    private async Task WriteAtomicallyAsync(JsonObject root, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true })), ct)
                    .ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            // Never leave a half-written file in Jaeger's config folder.
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
