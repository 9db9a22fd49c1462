using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ChatOps.Core.Ops.Grpc;
using ChatOps.OpsService.Metrics;

namespace ChatOps.OpsService.Grpc;

/// <summary>
/// Unary gRPC on Kestrel without Grpc.AspNetCore: POST /&lt;service&gt;/&lt;method&gt;, one
/// length-prefixed message in, one out, status in the trailers. Every failure, including a
/// malformed frame, becomes a gRPC status; the process keeps serving.
/// </summary>
public static class GrpcServerEndpoint
{
    public static void MapUnaryGrpc(this IEndpointRouteBuilder app) =>
        app.MapPost("/{service}/{method}", HandleAsync);

    private static async Task HandleAsync(HttpContext http, string service, string method, UnaryMethods methods,
        OpsServiceOptions options, CallMetrics metrics, ILoggerFactory logs)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            // gRPC is HTTP/2 only; this is the HTTP/1.1 metrics listener or a stray request.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var metadata = Metadata(http.Request.Headers);
        var run = methods.Find(service, method);
        var label = run is null ? "unknown" : method;
        GrpcStatusCode code;
        string detail;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        // Deadlines past a day are as good as none (and CancelAfter refuses those past ~49 days).
        if (GrpcTimeout.TryParse(metadata.GetValueOrDefault("grpc-timeout"), out var timeout) && timeout < TimeSpan.FromDays(1))
            deadline.CancelAfter(timeout);

        http.Response.ContentType = "application/grpc";
        try
        {
            Authorize(metadata, options.Token);
            if (run is null) throw new GrpcException(GrpcStatusCode.Unimplemented, $"unknown method {service}/{method}");
            var body = await GrpcFraming.ReadBoundedAsync(http.Request.Body, options.MaxMessageBytes + GrpcFraming.PrefixLength, deadline.Token);
            var request = GrpcFraming.ReadSingle(body, options.MaxMessageBytes);
            var response = await run(request, new CallContext(method, metadata, deadline.Token));
            deadline.Token.ThrowIfCancellationRequested();
            await http.Response.Body.WriteAsync(GrpcFraming.Frame(response), http.RequestAborted);
            (code, detail) = (GrpcStatusCode.Ok, "");
        }
        catch (GrpcException ex)
        {
            (code, detail) = (ex.Code, ex.Detail);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            (code, detail) = (GrpcStatusCode.ResourceExhausted, "request larger than the server accepts");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            (code, detail) = (GrpcStatusCode.Cancelled, "the caller went away");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            (code, detail) = (GrpcStatusCode.DeadlineExceeded, $"deadline of {timeout.TotalMilliseconds:0.###} ms exceeded");
        }
        catch (Exception ex)
        {
            logs.CreateLogger("ChatOps.OpsService.Grpc").LogError(ex, "{Method} failed", method);
            (code, detail) = (GrpcStatusCode.Internal, "internal error; see the Ops service log");
        }

        if (!http.RequestAborted.IsCancellationRequested) WriteStatus(http.Response, code, detail);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Record(label, code, elapsed);
        logs.CreateLogger("ChatOps.OpsService.Calls").LogInformation(
            "{Method} for {User} in {Channel} ({Command}) answered {Status} in {ElapsedMs:0.0} ms",
            label, metadata.GetValueOrDefault("x-chatops-user"), metadata.GetValueOrDefault("x-chatops-channel"),
            metadata.GetValueOrDefault("x-chatops-command"), code, elapsed.TotalMilliseconds);
    }

    private static void Authorize(IReadOnlyDictionary<string, string> metadata, string? token)
    {
        if (string.IsNullOrEmpty(token)) return;
        var given = metadata.GetValueOrDefault("authorization");
        if (given is null || !given.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            throw new GrpcException(GrpcStatusCode.Unauthenticated, "a bearer token is required");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given[7..].Trim()), Encoding.UTF8.GetBytes(token)))
            throw new GrpcException(GrpcStatusCode.PermissionDenied, "the bearer token is not accepted");
    }

    private static void WriteStatus(HttpResponse response, GrpcStatusCode code, string detail)
    {
        var status = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = Uri.EscapeDataString(detail);
        if (response.SupportsTrailers())
        {
            response.AppendTrailer("grpc-status", status);
            if (detail.Length > 0) response.AppendTrailer("grpc-message", message);
        }
        else if (!response.HasStarted)
        {
            // HTTP/1.1 has no trailers: answer trailers-only style, in the headers.
            response.Headers["grpc-status"] = status;
            if (detail.Length > 0) response.Headers["grpc-message"] = message;
        }
    }

    private static Dictionary<string, string> Metadata(IHeaderDictionary headers)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers) metadata[name.ToLowerInvariant()] = value.ToString();
        return metadata;
    }
}
