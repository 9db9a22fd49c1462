using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatOps.Functions.Local;

/// <summary>
/// Calls this process's own function endpoints over loopback HTTP, as the Functions host would:
/// POST /&lt;function&gt; with the host's JSON payload. Local mode has no other way in, so it runs
/// the very code the host runs.
/// </summary>
public sealed class FunctionInvoker(IServer server, IHttpClientFactory clients)
{
    public async Task<(int Status, JsonObject? Body)> InvokeAsync(string function, JsonObject payload, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress(), function))
        {
            Content = JsonContent.Create(payload),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        using var response = await clients.CreateClient(nameof(FunctionInvoker)).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }
        return ((int)response.StatusCode, body);
    }

    private Uri BaseAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
                      ?? throw new InvalidOperationException("local mode needs an http:// listening address");
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "+" or "*") uri.Host = "127.0.0.1";
        return new Uri(uri.Uri.ToString().TrimEnd('/') + "/");
    }
}
