using ChatOps.Core.Failures;
using Grpc.Core;

namespace ChatOps.Core.Ops;

/// <summary>An Ops call that failed, with a message the on-call person can act on, naming the endpoint.</summary>
public sealed class OpsException(StatusCode code, string method, string endpoint, string detail, Exception? inner = null)
    : ServiceFailureException(Describe(code, method, endpoint, detail.TrimEnd('.', ' ')), HandlingOf(code), inner)
{
    public StatusCode Code { get; } = code;
    public string Method { get; } = method;

    private static FailureHandling HandlingOf(StatusCode code) => code switch
    {
        StatusCode.Unavailable => FailureHandling.Retry,
        StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.OutOfRange => FailureHandling.UserMistake,
        _ => FailureHandling.Answer,
    };

    private static string Describe(StatusCode code, string method, string endpoint, string detail) => code switch
    {
        StatusCode.Unavailable => $"The Ops service at {endpoint} is unavailable: {detail}.",
        StatusCode.DeadlineExceeded => $"The Ops service at {endpoint} did not answer {method} in time ({detail}).",
        StatusCode.NotFound => $"The Ops service at {endpoint} found nothing: {detail}.",
        StatusCode.PermissionDenied => $"The Ops service at {endpoint} refused {method}: permission denied ({detail}).",
        StatusCode.Unauthenticated => $"The Ops service at {endpoint} wants credentials for {method} ({detail}); check Ops__Token.",
        StatusCode.InvalidArgument or StatusCode.OutOfRange => $"The Ops service at {endpoint} rejected the request: {detail}.",
        StatusCode.Unimplemented => $"The Ops service at {endpoint} does not implement {method} ({detail}); is it an older version?",
        _ => $"The Ops service at {endpoint} failed {method} with {code}: {detail}.",
    };
}
