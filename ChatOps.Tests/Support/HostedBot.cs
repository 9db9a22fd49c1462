using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>
/// Plays the Functions host around a <see cref="TestApp"/>: a Slack request goes to the slack function, and its
/// queue output becomes one queue message delivered to the worker. Each Slack delivery is its own queue
/// message; a redelivery of the same message keeps its id with a higher dequeue count.
/// </summary>
public sealed class HostedBot(TestApp app)
{
    private int _messages;

    public TestApp App { get; } = app;

    /// <summary>Slack → slack function → (queue) → worker. Returns the ack's status and the queue message
    /// (null when the function enqueued nothing).</summary>
    public async Task<(int AckStatus, JsonObject? Message)> FromSlackAsync(string body, IDictionary<string, string[]> headers)
    {
        var call = await App.InvokeSlackAsync(body, headers);
        if (call.Message is not { } message) return (call.Status, null);
        await DeliverAsync(message);
        return (call.Status, message);
    }

    /// <summary>One delivery of a queue message to the worker. Returns the worker's status.</summary>
    public Task<int> DeliverAsync(JsonObject message, int dequeueCount = 1, string? messageId = null) =>
        App.InvokeWorkerAsync(message.ToJsonString(), dequeueCount, messageId ?? $"msg-{Interlocked.Increment(ref _messages)}-{Guid.NewGuid():N}");
}
