using ChatOps.Core.Ops;
using ChatOps.Core.Slack;
using Grpc.Core;

namespace ChatOps.Core.Failures;

/// <summary>The one answer to "may this failure pass if we try again in a while?": a backend that is unreachable,
/// overloaded or slow (a restart, a blip), as opposed to a refusal that retrying cannot change.</summary>
public static class TransientFailure
{
    public static bool Is(Exception ex) => ex switch
    {
        ServiceFailureException failure => failure.Handling == FailureHandling.Retry ||
            failure is OpsException { Code: StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Unknown },
        SlackApiException slack => slack.IsTransient,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };
}
