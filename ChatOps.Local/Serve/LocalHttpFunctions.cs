using Azure.Storage.Queues;
using ChatOps.Functions;
using ChatOps.Functions.Functions;

namespace ChatOps.Local.Serve;

/// <summary>
/// The local host's HTTP routes: POST /api/slack and POST /api/alertmanager run their function classes and apply
/// the outputs as the Functions host does (the queue message is written to storage before the caller gets its
/// answer, so an acked command is never only in memory); GET /api/health. Nothing else is routed.
/// </summary>
internal static class LocalHttpFunctions
{
    public static IEndpointRouteBuilder MapLocalHttpFunctions(this IEndpointRouteBuilder app)
    {
        app.MapQueued<SlackFunction>(FunctionNames.Slack, (f, request, ct) => Run(f.RunAsync(request, ct)));
        app.MapQueued<AlertmanagerFunction>(FunctionNames.Alertmanager, (f, request, ct) => Run(f.RunAsync(request, ct)));
        app.MapGet("/api/health", () => Results.Text("ok"));
        return app;
    }

    private static async Task<IQueuedHttpOutput> Run<T>(Task<T> run) where T : IQueuedHttpOutput => await run;

    private static void MapQueued<TFunction>(this IEndpointRouteBuilder app, string route,
        Func<TFunction, HttpRequest, CancellationToken, Task<IQueuedHttpOutput>> run) where TFunction : notnull
    {
        app.MapPost("/api/" + route, async (HttpContext http, TFunction function, QueueServiceClient queues) =>
        {
            var output = await run(function, http.Request, http.RequestAborted);
            if (output.Message is { } message)
                await queues.GetQueueClient(FunctionNames.CommandsQueue).SendMessageAsync(message, http.RequestAborted);
            var response = output.Response;
            http.Response.StatusCode = response.StatusCode ?? StatusCodes.Status200OK;
            if (response.ContentType is { } type) http.Response.ContentType = type;
            if (!string.IsNullOrEmpty(response.Content)) await http.Response.WriteAsync(response.Content, http.RequestAborted);
        });
    }
}
