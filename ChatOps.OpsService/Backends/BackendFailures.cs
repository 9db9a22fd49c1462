using Grpc.Core;

namespace ChatOps.OpsService.Backends;

/// <summary>Backend HTTP failures as the gRPC statuses callers can act on.</summary>
internal static class BackendFailures
{
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string backend, string url, CancellationToken ct) =>
        SendAsync(http, backend, () => new HttpRequestMessage(HttpMethod.Get, url), ct);

    /// <param name="readsErrors">The caller reads a 5xx itself (a backend that answers 500 for a refusal); otherwise a 5xx
    /// is unavailability.</param>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string backend, Func<HttpRequestMessage> request, CancellationToken ct,
        bool readsErrors = false)
    {
        HttpResponseMessage response;
        try
        {
            using var message = request();
            response = await http.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{backend} is unreachable: {ex.InnerException?.Message ?? ex.Message}"));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, $"{backend} did not answer within {http.Timeout.TotalSeconds:0} s"));
        }
        if ((int)response.StatusCode >= 500 && !readsErrors)
        {
            response.Dispose();
            throw new RpcException(new Status(StatusCode.Unavailable, $"{backend} answered HTTP {(int)response.StatusCode}"));
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
            throw new RpcException(new Status(StatusCode.Unavailable, $"{backend}'s answer was cut off: {ex.Message}"));
        }
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(text) as System.Text.Json.Nodes.JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{backend} answered HTTP {(int)response.StatusCode} with something that is not JSON"));
        }
    }
}
