using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;

namespace ChatOps.OpsService.Backends;

/// <summary>
/// Jaeger's query HTTP JSON API, `/api/traces` (search) and `/api/traces/{id}`: the API the Jaeger UI
/// itself uses, served by the query service of Jaeger 1.x and by Jaeger 2.x alike, and the one
/// that carries span logs, tags and durations in one answer.
/// </summary>
public sealed class JaegerClient(HttpClient http, string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public async Task<IReadOnlyList<JaegerTrace>> SearchAsync(JaegerSearch search, CancellationToken ct)
    {
        var query = new List<string>
        {
            "service=" + Uri.EscapeDataString(search.Service),
            "start=" + Micros(search.Start),
            "end=" + Micros(search.End),
            "limit=" + search.Limit.ToString(CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(search.Operation)) query.Add("operation=" + Uri.EscapeDataString(search.Operation));
        if (search.Tags.Count > 0)
            query.Add("tags=" + Uri.EscapeDataString(new JsonObject(search.Tags.Select(t => new KeyValuePair<string, JsonNode?>(t.Key, t.Value))).ToJsonString()));
        if (search.MinDuration is { } min) query.Add($"minDuration={(long)min.TotalMicroseconds}us");
        if (search.MaxDuration is { } max) query.Add($"maxDuration={(long)max.TotalMicroseconds}us");
        return await GetTracesAsync("/api/traces?" + string.Join('&', query), ct).ConfigureAwait(false);
    }

    public async Task<JaegerTrace?> GetAsync(string traceId, CancellationToken ct)
    {
        var traces = await GetTracesAsync("/api/traces/" + Uri.EscapeDataString(traceId), ct).ConfigureAwait(false);
        return traces.FirstOrDefault();
    }

    private async Task<IReadOnlyList<JaegerTrace>> GetTracesAsync(string path, CancellationToken ct)
    {
        using var response = await BackendFailures.SendAsync(http, "Jaeger", _base + path, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return [];
        var root = await BackendFailures.ReadJsonAsync(response, "Jaeger", ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var message = root?["errors"]?[0]?["msg"]?.ToString() ?? $"HTTP {(int)response.StatusCode}";
            throw BackendFailures.Failure(response.StatusCode == HttpStatusCode.BadRequest ? StatusCode.InvalidArgument : StatusCode.Internal,
                "Jaeger", _base, (response.StatusCode == HttpStatusCode.BadRequest ? "refused the search: " : "failed: ") + message);
        }
        return (root?["data"] as JsonArray ?? []).OfType<JsonObject>().Select(JaegerTrace.From).ToList();
    }

    private static string Micros(DateTimeOffset t) =>
        ((t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(CultureInfo.InvariantCulture);
}

public sealed record JaegerSearch(string Service, string? Operation, IReadOnlyList<KeyValuePair<string, string>> Tags,
    DateTimeOffset Start, DateTimeOffset End, TimeSpan? MinDuration, TimeSpan? MaxDuration, int Limit);
