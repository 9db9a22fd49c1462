using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;

namespace ChatOps.OpsService.Backends;

/// <summary>Prometheus' HTTP API (/api/v1/query, /api/v1/alerts, /api/v1/query_range), mapped to records.</summary>
public sealed class PrometheusClient(HttpClient http, string baseUrl)
{
    private readonly string _base = baseUrl.TrimEnd('/');

    public async Task<IReadOnlyList<PromSample>> QueryAsync(string query, CancellationToken ct)
    {
        var data = await GetDataAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}", ct).ConfigureAwait(false);
        return (data["result"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => new PromSample(Labels(r["metric"]), r["value"]?[1]?.ToString() ?? ""))
            .ToList();
    }

    public async Task<IReadOnlyList<PromAlert>> AlertsAsync(CancellationToken ct)
    {
        var data = await GetDataAsync("/api/v1/alerts", ct).ConfigureAwait(false);
        return (data["alerts"] as JsonArray ?? []).OfType<JsonObject>().Select(a => new PromAlert(
            Labels(a["labels"]), Labels(a["annotations"]), (string?)a["state"] ?? "",
            DateTimeOffset.TryParse((string?)a["activeAt"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            (string?)a["value"] ?? "")).ToList();
    }

    public async Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
    {
        var url = $"/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={Seconds(start)}&end={Seconds(end)}" +
                  $"&step={step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}";
        var data = await GetDataAsync(url, ct).ConfigureAwait(false);
        return (data["result"] as JsonArray ?? []).OfType<JsonObject>().Select(r => new PromSeries(
            Labels(r["metric"]),
            (r["values"] as JsonArray ?? []).OfType<JsonArray>().Where(v => v.Count == 2).Select(v => (
                DateTimeOffset.UnixEpoch.AddSeconds(Number(v[0]?.ToString())), Number(v[1]?.ToString()))).ToList())).ToList();
    }

    private async Task<JsonObject> GetDataAsync(string path, CancellationToken ct)
    {
        using var response = await BackendFailures.SendAsync(http, "Prometheus", _base + path, ct).ConfigureAwait(false);
        var root = await BackendFailures.ReadJsonAsync(response, "Prometheus", ct).ConfigureAwait(false);
        if ((string?)root?["status"] != "success")
        {
            // Prometheus says "bad_data" for a query it cannot parse: the caller's mistake.
            var error = (string?)root?["error"] ?? $"HTTP {(int)response.StatusCode}";
            var code = (string?)root?["errorType"] switch
            {
                "bad_data" => StatusCode.InvalidArgument,      // a query it cannot parse: the caller's mistake
                "timeout" => StatusCode.DeadlineExceeded,      // retrying a heavy query would only triple it
                _ => StatusCode.Internal,
            };
            // Prometheus' own words carry the position of a syntax error ("1:5: parse error: …").
            throw BackendFailures.Failure(code, "Prometheus", _base, code == StatusCode.InvalidArgument ? "refused the query: " + error : "failed: " + error);
        }
        return root!["data"] as JsonObject ?? [];
    }

    /// <summary>Prometheus' numbers as text: "1.5", "+Inf", "-Inf", "NaN" (which .NET spells differently).</summary>
    public static double Number(string? text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN,
    };

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        (node as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");

    private static string Seconds(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}

public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, string Value);

public sealed record PromAlert(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations,
    string State, DateTimeOffset? ActiveAt, string Value);

public sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Points);
