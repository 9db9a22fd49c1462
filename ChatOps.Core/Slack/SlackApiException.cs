namespace ChatOps.Core.Slack;

/// <summary>
/// A Slack Web API call that did not succeed. <see cref="Error"/> is Slack's own error code
/// (`not_in_channel`, `invalid_auth`, ...) or one of ours (`http_503`, `network_error`,
/// `ratelimited`, `invalid_response`). Transient errors are worth retrying later through the queue.
/// </summary>
public sealed class SlackApiException(string method, string error, bool isTransient, Exception? inner = null, TimeSpan? retryAfter = null)
    : Exception($"Slack {method} failed: {error}", inner)
{
    private static readonly HashSet<string> TransientCodes =
        ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"];

    public string Method { get; } = method;
    public string Error { get; } = error;
    public bool IsTransient { get; } = isTransient;

    /// <summary>Slack's Retry-After of a 429 that was longer than the client may sleep: the reply is to be
    /// posted again after this long, and that wait is not a failure.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>True when Slack refused the blocks themselves, so a text-only message may still go through.</summary>
    public bool IsBlocksRejected => Error is "invalid_blocks" or "invalid_blocks_format" or "msg_blocks_too_long";

    public static SlackApiException FromOkFalse(string method, string error) => new(method, error, TransientCodes.Contains(error));
}
