using System.Text.Json.Nodes;

namespace ChatOps.Functions.HostProtocol;

/// <summary>
/// The answer to the host: always a JSON object with Outputs and Logs (an empty 200 leaves the
/// invocation hanging). The queue output is an object, never a bare string: the host would decode
/// a string that happens to be valid base64.
/// </summary>
public static class HostResponse
{
    public static JsonObject Http(int statusCode, string contentType, string body, JsonNode? queueMessage, IReadOnlyList<string> logs)
    {
        var outputs = new JsonObject
        {
            [FunctionNames.HttpOutput] = new JsonObject
            {
                ["statusCode"] = statusCode,
                ["headers"] = new JsonObject { ["Content-Type"] = contentType },
                ["body"] = body,
            },
        };
        if (queueMessage is not null) outputs[FunctionNames.QueueOutput] = queueMessage;
        return Envelope(outputs, logs);
    }

    public static JsonObject Completed(IReadOnlyList<string> logs, JsonObject? outputs = null) => Envelope(outputs ?? [], logs);

    private static JsonObject Envelope(JsonObject outputs, IReadOnlyList<string> logs) => new()
    {
        ["Outputs"] = outputs,
        ["Logs"] = new JsonArray(logs.Select(l => (JsonNode?)l).ToArray()),
        ["ReturnValue"] = null,
    };
}
