using Azure.Storage.Queues;
using ChatOps.Functions;
using ChatOps.Functions.Functions;

namespace ChatOps.Local.Serve;

/// <summary>
/// POST /api/slack in the local host: runs the `slack` function class on the request and applies its outputs
/// as the Functions host does: the queue message is written to storage before Slack gets its answer, so an
/// acked command is never only in memory.
/// </summary>
internal static class LocalSlackEndpoint
{
    public const string Route = "/api/" + FunctionNames.Slack;

    public static IEndpointRouteBuilder MapLocalSlack(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, async (HttpContext http, SlackFunction function, QueueServiceClient queues) =>
        {
            var output = await function.RunAsync(http.Request, http.RequestAborted);
            if (output.Message is { } message)
                await queues.GetQueueClient(FunctionNames.CommandsQueue).SendMessageAsync(message, http.RequestAborted);
            var response = output.Response;
            http.Response.StatusCode = response.StatusCode ?? StatusCodes.Status200OK;
            if (response.ContentType is { } type) http.Response.ContentType = type;
            if (!string.IsNullOrEmpty(response.Content)) await http.Response.WriteAsync(response.Content, http.RequestAborted);
        });
        app.MapGet("/api/health", () => Results.Text("ok"));
        return app;
    }
}
