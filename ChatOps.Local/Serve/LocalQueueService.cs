using Azure.Storage.Queues;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using ChatOps.Functions.Functions;
using Microsoft.Extensions.Options;

namespace ChatOps.Local.Serve;

/// <summary>The local host's queue triggers: chatops-commands feeds `worker`, its poison queue feeds `poison`.</summary>
internal sealed class LocalQueueService(
    QueueServiceClient queues, HostJsonQueues settings, IOptions<LocalQueueOptions> options, IServiceProvider services, ILoggerFactory logs)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var log = logs.CreateLogger("ChatOps.Local.QueuePump");
        var worker = new QueueRoute(FunctionNames.CommandsQueue, FunctionNames.PoisonQueue,
            (sp, message, ct) => sp.GetRequiredService<WorkerFunction>().RunAsync(message, ct));
        var poison = new QueueRoute(FunctionNames.PoisonQueue, null,
            (sp, message, ct) => sp.GetRequiredService<PoisonFunction>().RunAsync(message, ct));
        return Task.WhenAll(
            new QueuePump(queues, worker, settings, options.Value, services, log).RunAsync(stoppingToken),
            new QueuePump(queues, poison, settings, options.Value, services, log).RunAsync(stoppingToken));
    }
}
