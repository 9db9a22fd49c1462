using System.Text.Json.Nodes;
using ChatOps.Functions.HostProtocol;

namespace ChatOps.Functions.Local;

/// <summary>
/// Local mode's `POST /api/slack`: wraps the raw Slack request in the host's HTTP trigger payload,
/// invokes the `slack` function, then applies its outputs as the host would: the queue output is
/// enqueued, the http output becomes the answer to Slack.
/// </summary>
public static class LocalSlackEndpoint
{
    public const string Route = "/api/" + FunctionNames.Slack;

    public static IEndpointRouteBuilder MapLocalSlackEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, async (HttpContext http, FunctionInvoker functions, LocalQueues queues) =>
        {
            var request = http.Request;
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var headers = request.Headers.Select(h => new KeyValuePair<string, string[]>(h.Key, h.Value.Select(v => v ?? "").ToArray()));
            var url = $"{request.Scheme}://{request.Host}{request.Path}";
            var payload = HttpTriggerData.ToHostPayload(FunctionNames.HttpTrigger, request.Method, url, headers, body);

            var (status, result) = await functions.InvokeAsync(FunctionNames.Slack, payload, http.RequestAborted);
            if (status is < 200 or >= 300 || result?["Outputs"] is not JsonObject outputs)
                return Results.Text("function failed", "text/plain", statusCode: 500);

            // As the host does: an object is one message, an array one message per element.
            var messages = outputs[FunctionNames.QueueOutput] switch
            {
                JsonObject one => [one],
                JsonArray many => many.OfType<JsonObject>().ToArray(),
                _ => Array.Empty<JsonObject>(),
            };
            foreach (var message in messages) queues.Enqueue(FunctionNames.CommandsQueue, message.ToJsonString());

            var res = outputs[FunctionNames.HttpOutput] as JsonObject;
            var code = res?["statusCode"]?.GetValue<int>() ?? 200;
            var contentType = (string?)res?["headers"]?["Content-Type"] ?? "text/plain";
            return Results.Text((string?)res?["body"] ?? "", contentType, statusCode: code);
        });
        return app;
    }
}
