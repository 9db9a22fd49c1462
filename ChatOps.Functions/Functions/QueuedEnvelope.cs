using System.Text.Json;
using ChatOps.Core.Envelopes;
using Azure.Storage.Queues.Models;

namespace ChatOps.Functions.Functions;

/// <summary>Reads a queue message's envelope. The functions bind the raw message, not the envelope type, so
/// that an unreadable message reaches them (and is completed with an error log) instead of failing its
/// binding on every attempt and landing in the poison queue with nobody to tell.</summary>
internal static class QueuedEnvelope
{
    public static CommandEnvelope? Read(QueueMessage message)
    {
        try
        {
            using var json = JsonDocument.Parse(message.Body.ToMemory());
            return EnvelopeJson.TryDeserialize(json.RootElement) is { V: 1 } envelope ? envelope : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
