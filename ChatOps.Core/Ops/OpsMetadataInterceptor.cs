using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ChatOps.Core.Ops;

/// <summary>
/// Makes every Ops call's metadata wire-safe in one place: text values sanitised (printable ASCII,
/// bounded), a traceparent when the caller gave none, and the bearer token when one is configured.
/// </summary>
internal sealed class OpsMetadataInterceptor(string? token) : Interceptor
{
    private readonly string? _authorization = string.IsNullOrWhiteSpace(token) ? null : "Bearer " + token.Trim();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            if (entry.IsBinary) headers.Add(entry.Key, entry.ValueBytes);
            else headers.Add(entry.Key, CallMetadata.Sanitise(entry.Value));
        }
        if (headers.Get("traceparent") is null) headers.Add("traceparent", CallMetadata.NewTraceParent());
        if (_authorization is not null) headers.Add("authorization", _authorization);
        var options = context.Options.WithHeaders(headers);
        return continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
    }
}
