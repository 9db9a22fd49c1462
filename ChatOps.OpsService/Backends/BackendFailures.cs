using ChatOps.Core.Ops.Grpc;

namespace ChatOps.OpsService.Backends;

/// <summary>Backend HTTP failures as the gRPC statuses callers can act on.</summary>
internal static class BackendFailures
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, string backend, string url, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new GrpcException(GrpcStatusCode.Unavailable, $"{backend} is unreachable: {ex.InnerException?.Message ?? ex.Message}");
        }
        if ((int)response.StatusCode >= 500)
        {
            response.Dispose();
            throw new GrpcException(GrpcStatusCode.Unavailable, $"{backend} answered HTTP {(int)response.StatusCode}");
        }
        return response;
    }
}
