using ChatOps.Core.Alerts;
using ChatOps.Core.Envelopes;
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
public sealed class AlertmanagerFunction(AlertWebhook webhook, AlertsOptions options, ILogger<AlertmanagerFunction> log)
{
    [Function(FunctionNames.Alertmanager)]
    public async Task<AlertmanagerFunctionOutput> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionNames.Alertmanager)] HttpRequest request, CancellationToken ct = default)
    {
        var (body, length) = await CappedBody.ReadAsync(request, options.MaxBodyBytes, ct).ConfigureAwait(false);
        AlertAck ack;
        try
        {
            ack = body is null
                ? new AlertAck(413, $"the body is {length} bytes, over the {options.MaxBodyBytes} allowed (Alerts__MaxBodyBytes)", null, "too_large")
                : await webhook.HandleAsync(request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keeping a big notification failed (storage): not Alertmanager's fault, and it re-sends what got no 2xx.
            log.LogError(ex, "Alertmanager notification could not be kept for the worker");
            ack = new AlertAck(503, "the notification could not be stored; send it again", null, "storage_failed");
        }
        if (ack.StatusCode >= 400)
            log.LogWarning("Alertmanager notification refused with {Status}: {Outcome}", ack.StatusCode, ack.Outcome);
        else
            log.LogInformation("Alertmanager notification {CommandId} queued for {Channel} ({Outcome})", ack.Envelope?.Id, ack.Envelope?.ChannelId, ack.Outcome);
        return new AlertmanagerFunctionOutput
        {
            Response = new ContentResult { StatusCode = ack.StatusCode, Content = ack.Body + "\n", ContentType = "text/plain; charset=utf-8" },
            Message = ack.Envelope is { } envelope ? EnvelopeJson.Serialize(envelope) : null,
        };
    }
}
