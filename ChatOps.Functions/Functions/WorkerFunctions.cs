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
        QueueFunction.Map(app, FunctionNames.Worker, (services, envelope, dequeueCount, ct) =>
            services.GetRequiredService<CommandWorker>().RunAsync(envelope, dequeueCount, ct));
        QueueFunction.Map(app, FunctionNames.Poison, (services, envelope, _, ct) =>
            services.GetRequiredService<PoisonNotifier>().NotifyAsync(envelope, ct));
        return app;
    }
}
