using ChatOps.Core.Envelopes;
using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using ChatOps.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ChatOps.Functions.Functions;

/// <summary>
/// `slack` (POST /api/slack, anonymous: Slack's signature is the authentication): verifies the request over
/// the exact bytes received, answers at once and hands the command to the queue output. No network call.
/// </summary>
public sealed class SlackFunction(SlackRequestHandler handler, LimitOptions limits, ILogger<SlackFunction> log)
{
    [Function(FunctionNames.Slack)]
    public async Task<SlackFunctionOutput> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = FunctionNames.Slack)] HttpRequest request, CancellationToken ct = default)
    {
        var (body, length) = await CappedBody.ReadAsync(request, limits.MaxBodyBytes, ct).ConfigureAwait(false);
        var ack = body is null
            ? SlackRequestHandler.TooLarge(length, limits.MaxBodyBytes)
            : handler.Handle(Headers(request.Headers), body);
        if (ack.StatusCode >= 400)
            log.LogWarning("Slack request refused with {Status}: {Outcome}", ack.StatusCode, ack.Outcome);
        else
            log.LogInformation("Slack request {Outcome}; command {CommandId} (retry {RetryNum})", ack.Outcome, ack.Envelope?.Id, ack.Envelope?.RetryNum);
        return new SlackFunctionOutput
        {
            Response = new ContentResult { StatusCode = ack.StatusCode, Content = ack.Body, ContentType = ack.ContentType },
            Message = ack.Envelope is { } envelope ? EnvelopeJson.Serialize(envelope) : null,
        };
    }

    private static Dictionary<string, string> Headers(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers) result[name] = value.ToString();
        return result;
    }
}
