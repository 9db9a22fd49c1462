using System.Text.Json.Nodes;
using ChatOps.Core.Envelopes;
using ChatOps.Functions.HostProtocol;

namespace ChatOps.Functions.Functions;

/// <summary>
/// The shape shared by the queue-triggered functions: read the envelope, run, answer the host.
/// Success is a 200; an exception is a 500, which fails the invocation so the host makes the message
/// visible again and, after maxDequeueCount, moves it to the poison queue. An unreadable message is
/// completed with an error log: retrying cannot make it readable, and there is nobody to answer.
/// </summary>
internal static class QueueFunction
{
    /// <returns>The invocation's output bindings (null: none).</returns>
    public delegate Task<JsonObject?> RunAsync(IServiceProvider services, QueueInvocation invocation, CommandEnvelope envelope, CancellationToken ct);

    public static void Map(IEndpointRouteBuilder app, string functionName, RunAsync run)
    {
        app.MapPost("/" + functionName, async (HttpRequest request, ILoggerFactory logs) =>
        {
            var log = logs.CreateLogger("ChatOps.Functions." + functionName);
            var aborted = request.HttpContext.RequestAborted;
            using var invocation = InvocationLog.Begin();
            var queued = await QueueInvocation.ReadAsync(request);
            if (queued?.Envelope is not { } envelope)
            {
                log.LogError("Dropped queue message {MessageId} in {Function}: not a command envelope this version understands",
                    queued?.MessageId, functionName);
                return Results.Json(HostResponse.Completed(invocation.Lines));
            }

            try
            {
                var outputs = await run(request.HttpContext.RequestServices, queued, envelope, aborted);
                return Results.Json(HostResponse.Completed(invocation.Lines, outputs));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !aborted.IsCancellationRequested)
            {
                log.LogError(ex, "{Function} failed for {CommandId} on attempt {DequeueCount}; the queue will retry it",
                    functionName, envelope.Id, queued.DequeueCount);
                return Results.Json(HostResponse.Completed(invocation.Lines), statusCode: StatusCodes.Status500InternalServerError);
            }
        });
    }
}
