using ChatOps.Core.Failures;
using ChatOps.Core.Ops.Grpc;

namespace ChatOps.Core.Ops;

/// <summary>An Ops call that failed, with a message the on-call person can act on, naming the endpoint.</summary>
public sealed class OpsException(GrpcStatusCode code, string method, string endpoint, string detail, Exception? inner = null)
    : ServiceFailureException(Describe(code, method, endpoint, detail.TrimEnd('.', ' ')), HandlingOf(code), inner)
{
    public GrpcStatusCode Code { get; } = code;
    public string Method { get; } = method;

    private static FailureHandling HandlingOf(GrpcStatusCode code) => code switch
    {
        GrpcStatusCode.Unavailable => FailureHandling.Retry,
        GrpcStatusCode.NotFound or GrpcStatusCode.InvalidArgument or GrpcStatusCode.OutOfRange => FailureHandling.UserMistake,
        _ => FailureHandling.Answer,
    };

    private static string Describe(GrpcStatusCode code, string method, string endpoint, string detail) => code switch
    {
        GrpcStatusCode.Unavailable => $"The Ops service at {endpoint} is unavailable: {detail}.",
        GrpcStatusCode.DeadlineExceeded => $"The Ops service at {endpoint} did not answer {method} in time ({detail}).",
        GrpcStatusCode.NotFound => $"The Ops service at {endpoint} found nothing: {detail}.",
        GrpcStatusCode.PermissionDenied => $"The Ops service at {endpoint} refused {method}: permission denied ({detail}).",
        GrpcStatusCode.Unauthenticated => $"The Ops service at {endpoint} wants credentials for {method} ({detail}); check Ops__Token.",
        GrpcStatusCode.InvalidArgument or GrpcStatusCode.OutOfRange => $"The Ops service at {endpoint} rejected the request: {detail}.",
        GrpcStatusCode.Unimplemented => $"The Ops service at {endpoint} does not implement {method} ({detail}); is it an older version?",
        _ => $"The Ops service at {endpoint} failed {method} with {code}: {detail}.",
    };
}
