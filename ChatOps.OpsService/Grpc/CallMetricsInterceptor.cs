using System.Diagnostics;
using ChatOps.OpsService.Metrics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ChatOps.OpsService.Grpc;

/// <summary>Counts every call by method and status and times it, for /metrics.</summary>
internal sealed class CallMetricsInterceptor(CallMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            metrics.Record(CallOutcome.MethodName(context), CallOutcome.Of(failure, context), Stopwatch.GetElapsedTime(started));
        }
    }
}
