using ChatOps.Core.Envelopes;
using ChatOps.Functions.HostProtocol;

namespace ChatOps.Functions.Functions;

/// <summary>What a queue-triggered function reads from the host: the envelope (null when the message
/// is not one this version understands), the message id, how often it was dequeued, and the dedupe
/// store's blob for the message's key (worker only; null when there is none).</summary>
internal sealed record QueueInvocation(CommandEnvelope? Envelope, string MessageId, int DequeueCount, string? HandledBefore)
{
    public static async Task<QueueInvocation?> ReadAsync(HttpRequest request)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        if (HostRequest.TryParse(body) is not { } host) return null;
        var json = QueueTriggerData.MessageObject(host.Data, FunctionNames.QueueTrigger);
        var envelope = json is { } element ? EnvelopeJson.TryDeserialize(element) : null;
        if (envelope is { V: not 1 }) envelope = null;
        return new QueueInvocation(envelope, host.MetadataString("Id") ?? "(no id)", host.MetadataInt("DequeueCount", 1),
            BlobInputData.Text(host.Data, FunctionNames.DedupeInput));
    }
}
