using System.Text.Json.Nodes;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Slack;
using ChatOps.Functions.HostProtocol;

namespace ChatOps.Functions.Functions;

/// <summary>
/// The HTTP-triggered function (route `slack`): verifies the Slack request, answers it at once and
/// puts the command on the queue output. No network call happens here.
/// </summary>
public static class SlackFunction
{
    public static IEndpointRouteBuilder MapSlackFunction(this IEndpointRouteBuilder app)
    {
        app.MapPost("/" + FunctionNames.Slack, async (HttpRequest request, SlackRequestHandler handler, ILoggerFactory logs) =>
        {
            var log = logs.CreateLogger("ChatOps.Functions.Slack");
            using var invocation = InvocationLog.Begin();
            var body = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
            var host = HostRequest.TryParse(body);
            var trigger = host is null ? null : HttpTriggerData.From(host.Data, FunctionNames.HttpTrigger);
            if (trigger is null)
            {
                log.LogWarning("Invocation payload has no {Trigger} HTTP data; answered 400", FunctionNames.HttpTrigger);
                return Results.Json(HostResponse.Http(400, "text/plain", "malformed invocation", null, invocation.Lines));
            }

            var ack = handler.Handle(trigger.Headers, trigger.Body);
            JsonNode? message = ack.Envelope is { } envelope ? EnvelopeJson.ToJsonObject(envelope) : null;
            if (ack.StatusCode >= 400)
                log.LogWarning("Slack request refused with {Status}: {Outcome}", ack.StatusCode, ack.Outcome);
            else
                log.LogInformation("Slack request {Outcome}; command {CommandId} (retry {RetryNum})",
                    ack.Outcome, ack.Envelope?.Id, ack.Envelope?.RetryNum);
            return Results.Json(HostResponse.Http(ack.StatusCode, ack.ContentType, ack.Body, message, invocation.Lines));
        });
        return app;
    }
}
