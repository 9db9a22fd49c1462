using System.Text.Json.Nodes;
using ChatOps.Functions.HostProtocol;

namespace ChatOps.Tests.Support;

/// <summary>
/// Plays the Functions host around a <see cref="TestApp"/> in host mode: a Slack request goes to the slack
/// function; its queue output becomes the worker's trigger (double-encoded, as the host sends it); the
/// worker's blob bindings read and write <see cref="Blobs"/> under the message's {dedupeKey}, only when the
/// invocation succeeds. Two bots sharing one Blobs are two instances of a scaled-out app.
/// </summary>
public sealed class HostedBot(TestApp app, Dictionary<string, string>? sharedBlobs = null)
{
    public TestApp App { get; } = app;
    public Dictionary<string, string> Blobs { get; } = sharedBlobs ?? new Dictionary<string, string>();

    /// <summary>Slack → slack function → (queue) → worker. Returns the slack function's HTTP status and the
    /// queue message it produced (null when it enqueued nothing).</summary>
    public async Task<(int AckStatus, JsonObject? Message)> FromSlackAsync(string body, IDictionary<string, string[]> headers)
    {
        var (_, response) = await App.InvokeSlackAsync(body, headers);
        var status = (int)response["Outputs"]![FunctionNames.HttpOutput]!["statusCode"]!;
        if (response["Outputs"]![FunctionNames.QueueOutput] is not JsonObject message) return (status, null);
        await DeliverAsync(message);
        return (status, message);
    }

    /// <summary>One delivery of a queue message to the worker, with the blob bindings. Returns the worker's status.</summary>
    public async Task<int> DeliverAsync(JsonObject message, int dequeueCount = 1)
    {
        var key = (string)message[FunctionNames.DedupeKeyProperty]!;
        var payload = QueueTriggerData.ToHostPayload(FunctionNames.QueueTrigger, message.ToJsonString(), "msg-" + key, dequeueCount, DateTimeOffset.UtcNow);
        lock (Blobs) payload["Data"]![FunctionNames.DedupeInput] = Blobs.GetValueOrDefault(key);
        var (status, body) = await App.InvokeAsync(FunctionNames.Worker, payload);
        if (status == 200 && body["Outputs"]?[FunctionNames.DedupeOutput] is JsonValue stored)
            lock (Blobs) Blobs[key] = stored.GetValue<string>();
        return status;
    }
}
