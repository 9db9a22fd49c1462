using ChatOps.Core.Failures;
using Grpc.Core;

namespace ChatOps.Core.Ops;

/// <summary>An Ops call that failed, with a message the on-call person can act on. When the Ops service says a backend
/// failed (Prometheus, Jaeger, Alertmanager), the message blames that backend, in the Ops service's words, and names
/// the Ops service only as the way it was reached; otherwise it names the Ops service's endpoint.</summary>
public sealed class OpsException(StatusCode code, string method, string endpoint, string detail, Exception? inner = null, string? backend = null)
    : ServiceFailureException(Describe(code, method, endpoint, detail.TrimEnd('.', ' '), backend), HandlingOf(code), inner)
{
    public StatusCode Code { get; } = code;
    public string Method { get; } = method;

    /// <summary>The backend that failed, as the Ops service named it; null when the Ops service itself failed.</summary>
    public string? Backend { get; } = backend;

    private static FailureHandling HandlingOf(StatusCode code) => code switch
    {
        StatusCode.Unavailable => FailureHandling.Retry,
        StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.OutOfRange => FailureHandling.UserMistake,
        _ => FailureHandling.Answer,
    };

    private static string Describe(StatusCode code, string method, string endpoint, string detail, string? backend) => backend is not null
        ? code is StatusCode.InvalidArgument or StatusCode.OutOfRange ? $"{detail}." : $"{detail} (reached through the Ops service at {endpoint})."
        : code switch
        {
            StatusCode.Unavailable => $"The Ops service at {endpoint} is unavailable: {detail}.",
            StatusCode.DeadlineExceeded => $"The Ops service at {endpoint} did not answer {method} in time ({detail}).",
            StatusCode.NotFound => $"The Ops service at {endpoint} found nothing: {detail}.",
            StatusCode.PermissionDenied => $"The Ops service at {endpoint} refused {method}: permission denied ({detail}).",
            StatusCode.Unauthenticated => $"The Ops service at {endpoint} wants credentials for {method} ({detail}); check Ops__Token.",
            StatusCode.InvalidArgument or StatusCode.OutOfRange => $"The Ops service at {endpoint} rejected the request: {detail}.",
            StatusCode.Unimplemented => $"The Ops service at {endpoint} does not implement {method} ({detail}); is it an older version?",
            _ => $"The Ops service at {endpoint} failed {method}: {detail}.",
        };
}
