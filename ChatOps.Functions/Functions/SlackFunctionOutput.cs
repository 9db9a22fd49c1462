using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ChatOps.Functions.Functions;

/// <summary>The slack function's two outputs: the answer to Slack and, when there is a command to run, its
/// envelope for the queue (the host writes it before the answer goes out; null writes nothing).</summary>
public sealed class SlackFunctionOutput : IQueuedHttpOutput
{
    [HttpResult]
    public required ContentResult Response { get; init; }

    [QueueOutput(FunctionNames.CommandsQueue, Connection = FunctionNames.StorageConnection)]
    public string? Message { get; init; }
}
