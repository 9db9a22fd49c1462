using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ChatOps.Functions.Functions;

/// <summary>The alertmanager function's two outputs: the answer to Alertmanager and, for a notification to post,
/// its envelope on the commands queue (written before the answer goes out; null writes nothing).</summary>
public sealed class AlertmanagerFunctionOutput : IQueuedHttpOutput
{
    [HttpResult]
    public required ContentResult Response { get; init; }

    [QueueOutput(FunctionNames.CommandsQueue, Connection = FunctionNames.StorageConnection)]
    public string? Message { get; init; }
}
