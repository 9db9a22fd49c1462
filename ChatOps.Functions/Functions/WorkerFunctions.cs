using System.Text.Json.Nodes;
using ChatOps.Core.Worker;
using ChatOps.Functions.HostProtocol;

namespace ChatOps.Functions.Functions;

/// <summary>The two queue-triggered functions.</summary>
public static class WorkerFunctions
{
    /// <summary>`worker` on chatops-commands runs the command and answers in Slack; `poison` on
    /// chatops-commands-poison tells the user it failed after every retry, with its error id.</summary>
    public static IEndpointRouteBuilder MapWorkerFunctions(this IEndpointRouteBuilder app)
    {
        QueueFunction.Map(app, FunctionNames.Worker, async (services, invocation, envelope, ct) =>
        {
            var result = await services.GetRequiredService<CommandWorker>().RunAsync(envelope, invocation.DequeueCount, invocation.HandledBefore, ct);
            // Stored under the message's dedupeKey by the blob output binding, only when this invocation
            // succeeds; the next delivery of the same key then finds it in its blob input. A JSON text
            // (starts with '{', so the host cannot mistake it for base64).
            return result.Record is { } record
                ? new JsonObject { [FunctionNames.DedupeOutput] = record.ToJson() }
                : null;
        });
        QueueFunction.Map(app, FunctionNames.Poison, async (services, _, envelope, ct) =>
        {
            await services.GetRequiredService<PoisonNotifier>().NotifyAsync(envelope, ct);
            return null;
        });
        return app;
    }
}
