using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ChatOps.OpsService.Grpc;

/// <summary>
/// One line per call: who asked (the bot's x-chatops-* metadata, sanitised), what, and how it ended.
/// A failure that is not a gRPC status is logged with its exception and answered INTERNAL, so the
/// caller learns nothing of the internals.
/// </summary>
internal sealed class CallLogInterceptor(ILoggerFactory logs) : Interceptor
{
    private readonly ILogger _calls = logs.CreateLogger("ChatOps.OpsService.Calls");
    private readonly ILogger _errors = logs.CreateLogger("ChatOps.OpsService.Grpc");

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (CallOutcome.Of(ex, context) == StatusCode.Internal && ex is not RpcException)
        {
            _errors.LogError(ex, "{Method} failed", CallOutcome.MethodName(context));
            failure = new RpcException(new Status(StatusCode.Internal, "internal error; see the Ops service log"));
            throw failure;
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            _calls.LogInformation("{Method} for {User} in {Channel} ({Command}) answered {Status} in {ElapsedMs:0.0} ms",
                CallOutcome.MethodName(context), MetadataText.Of(context, "x-chatops-user"), MetadataText.Of(context, "x-chatops-channel"),
                MetadataText.Of(context, "x-chatops-command"), CallOutcome.Of(failure, context), Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
