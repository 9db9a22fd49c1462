using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.OpsService.Config;

namespace ChatOps.OpsService.Backends;

/// <summary>
/// Jaeger's remote-sampling strategies file (the collector's --sampling.strategies-file). Only
/// "probabilistic" and "ratelimiting" are strategy types there; `const` exists only as an SDK-side
/// sampler, so never/always are written as probabilistic 0 and 1. Other services' entries and any
/// other fields are kept; the write is atomic (<see cref="AtomicFile"/>). The file is also the config target
/// <see cref="ConfigTargets.Sampling"/>, so a change here holds that target's lock and cannot interleave with a push.
/// </summary>
public sealed class SamplingFile(string path, ConfigLocks locks)
{
    public async Task SetProbabilityAsync(string? service, double rate, CancellationToken ct)
    {
        using (await locks.TakeAsync(ConfigTargets.Sampling, ct).ConfigureAwait(false))
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
            var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            await AtomicFile.WriteAsync(path, System.Text.Encoding.UTF8.GetBytes(json), ct).ConfigureAwait(false);
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
}
