using ChatOps.Core.Alerts;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Options;
using ChatOps.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ChatOps.Functions.Functions;

/// <summary>
/// `alertmanager` (POST /api/alertmanager, anonymous: Alertmanager's bearer token is the authentication): checks
/// the token, reads the webhook payload and queues it for the worker, which posts or updates the group's message.
/// </summary>
public sealed class AlertmanagerFunction(AlertWebhook webhook, LimitOptions limits, ILogger<AlertmanagerFunction> log)
{
    [Function(FunctionNames.Alertmanager)]
    public async Task<AlertmanagerFunctionOutput> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionNames.Alertmanager)] HttpRequest request, CancellationToken ct = default)
    {
        var (body, length) = await CappedBody.ReadAsync(request, limits.MaxBodyBytes, ct).ConfigureAwait(false);
        var ack = body is null
            ? new AlertAck(413, $"the body is {length} bytes, over the {limits.MaxBodyBytes} allowed (Limits__MaxBodyBytes; or lower max_alerts)", null, "too_large")
            : webhook.Handle(request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body);
        if (ack.StatusCode >= 400)
            log.LogWarning("Alertmanager notification refused with {Status}: {Outcome}", ack.StatusCode, ack.Outcome);
        else
            log.LogInformation("Alertmanager notification {CommandId} queued for {Channel}", ack.Envelope?.Id, ack.Envelope?.ChannelId);
        return new AlertmanagerFunctionOutput
        {
            Response = new ContentResult { StatusCode = ack.StatusCode, Content = ack.Body + "\n", ContentType = "text/plain; charset=utf-8" },
            Message = ack.Envelope is { } envelope ? EnvelopeJson.Serialize(envelope) : null,
        };
    }
}
