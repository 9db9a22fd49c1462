using Azure.Storage.Queues;
using ChatOps.Functions;
using ChatOps.Functions.Functions;

namespace ChatOps.Local.Serve;

/// <summary>POST /api/alertmanager in the local host: the `alertmanager` function class, its queue message written
/// before Alertmanager gets its answer, as the Functions host does.</summary>
internal static class LocalAlertmanagerEndpoint
{
    public const string Route = "/api/" + FunctionNames.Alertmanager;

    public static IEndpointRouteBuilder MapLocalAlertmanager(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, async (HttpContext http, AlertmanagerFunction function, QueueServiceClient queues) =>
        {
            var output = await function.RunAsync(http.Request, http.RequestAborted);
            if (output.Message is { } message)
                await queues.GetQueueClient(FunctionNames.CommandsQueue).SendMessageAsync(message, http.RequestAborted);
            var response = output.Response;
            http.Response.StatusCode = response.StatusCode ?? StatusCodes.Status200OK;
            if (response.ContentType is { } type) http.Response.ContentType = type;
            if (!string.IsNullOrEmpty(response.Content)) await http.Response.WriteAsync(response.Content, http.RequestAborted);
        });
        return app;
    }
}
