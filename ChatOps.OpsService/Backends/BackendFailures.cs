using Grpc.Core;

namespace ChatOps.OpsService.Backends;

/// <summary>Backend HTTP failures as the gRPC statuses callers can act on. Each names the backend and its host (never
/// the URL's user info) in words, and in the <see cref="BackendTrailer"/> trailer, so the bot blames the backend that
/// failed rather than the Ops service that relayed it.</summary>
internal static class BackendFailures
{
    /// <summary>The trailer naming the backend a failure came from; its absence means the Ops service itself failed.</summary>
    public const string BackendTrailer = "ops-backend";

    /// <summary>A failure of <paramref name="backend"/>: "Prometheus at prometheus:9090 " + <paramref name="what"/>.</summary>
    public static RpcException Failure(StatusCode code, string backend, string? url, string what) =>
        new(new Status(code, $"{backend}{At(url)} {what}"), new Metadata { { BackendTrailer, backend } });

    /// <summary>" at host:port" of a URL, without its user info, path or query (which may carry a token).</summary>
    private static string At(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Authority.Length > 0 ? " at " + uri.Authority : "";

    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string backend, string url, CancellationToken ct) =>
        SendAsync(http, backend, () => new HttpRequestMessage(HttpMethod.Get, url), ct);

    /// <param name="readsErrors">The caller reads a 5xx itself (a backend that answers 500 for a refusal); otherwise a 5xx
    /// is unavailability.</param>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string backend, Func<HttpRequestMessage> request, CancellationToken ct,
        bool readsErrors = false)
    {
        HttpResponseMessage response;
        string? url = null;
        try
        {
            using var message = request();
            url = message.RequestUri?.ToString();
            response = await http.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Failure(StatusCode.Unavailable, backend, url, $"is unreachable: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw Failure(StatusCode.DeadlineExceeded, backend, url, $"did not answer within {http.Timeout.TotalSeconds:0} s");
        }
        if ((int)response.StatusCode >= 500 && !readsErrors)
        {
            response.Dispose();
            throw Failure(StatusCode.Unavailable, backend, url, $"answered HTTP {(int)response.StatusCode}");
        }
        return response;
    }

    /// <summary>The answer's JSON object; an answer that is not JSON means the backend is not itself.</summary>
    public static async Task<System.Text.Json.Nodes.JsonObject?> ReadJsonAsync(HttpResponseMessage response, string backend, CancellationToken ct)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw Failure(StatusCode.Unavailable, backend, response.RequestMessage?.RequestUri?.ToString(), $"answered, but the answer was cut off: {ex.Message}");
        }
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            throw Failure(StatusCode.Unavailable, backend, response.RequestMessage?.RequestUri?.ToString(),
                $"answered HTTP {(int)response.StatusCode} with something that is not JSON");
        }
    }
}
