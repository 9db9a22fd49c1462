using Microsoft.AspNetCore.Mvc;

namespace ChatOps.Functions.Functions;

/// <summary>What an HTTP function with a queue output returns: its answer, and the message to queue (null: none).
/// The local host applies both the way the Functions host does, for every such function alike.</summary>
public interface IQueuedHttpOutput
{
    ContentResult Response { get; }

    string? Message { get; }
}
