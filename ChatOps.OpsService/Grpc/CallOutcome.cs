using Grpc.Core;

namespace ChatOps.OpsService.Grpc;

/// <summary>The status a call ended with, as the interceptors that log and count it see it.</summary>
internal static class CallOutcome
{
    public static StatusCode Of(Exception? failure, ServerCallContext call) => failure switch
    {
        null => StatusCode.OK,
        RpcException rpc => rpc.StatusCode,
        // The backend call was cancelled because the caller's deadline passed or the caller went away.
        OperationCanceledException when call.CancellationToken.IsCancellationRequested =>
            call.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled,
        _ => StatusCode.Internal,
    };

    /// <summary>"ListTraces" of "/ops.Ops/ListTraces".</summary>
    public static string MethodName(ServerCallContext call) => call.Method[(call.Method.LastIndexOf('/') + 1)..];
}
