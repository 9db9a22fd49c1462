using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;

namespace ChatOps.Core.Ops.Grpc;

/// <summary>
/// Unary gRPC over HttpClient (Grpc.Net.Client does not restore here). HTTP/2 with prior knowledge
/// for http:// and ALPN for https://; the status comes from the trailers or a trailers-only answer.
/// The deadline covers all attempts, is sent as grpc-timeout and enforced locally; UNAVAILABLE,
/// and only UNAVAILABLE, is retried with exponential backoff.
/// </summary>
public sealed class GrpcUnaryClient(HttpClient http, Uri endpoint, GrpcClientSettings settings)
{
    private readonly Uri _base = new(endpoint.ToString().TrimEnd('/') + "/");

    public async Task<byte[]> CallAsync(string service, string method, byte[] request,
        IReadOnlyDictionary<string, string> metadata, TimeSpan deadline, CancellationToken ct = default)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(deadline);
        // A monotonic clock: a wall-clock jump must not stretch or cut the deadline.
        var started = Stopwatch.GetTimestamp();
        TimeSpan Remaining() => deadline - Stopwatch.GetElapsedTime(started);
        var backoff = settings.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendOnceAsync($"{service}/{method}", request, metadata, Remaining(), timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new GrpcException(GrpcStatusCode.DeadlineExceeded, $"no answer within {deadline.TotalSeconds:0.###} s");
            }
            catch (GrpcException ex) when (ex.Code == GrpcStatusCode.Unavailable && attempt < settings.MaxAttempts)
            {
                var wait = backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Max(1, backoff.TotalMilliseconds / 2)));
                if (wait >= Remaining()) throw;
                try
                {
                    await Task.Delay(wait, timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    ExceptionDispatchInfo.Throw(ex);
                }
                backoff *= 2;
            }
        }
    }

    private async Task<byte[]> SendOnceAsync(string path, byte[] request, IReadOnlyDictionary<string, string> metadata, TimeSpan remaining, CancellationToken ct)
    {
        if (remaining <= TimeSpan.Zero) throw new OperationCanceledException();
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(GrpcFraming.Frame(request)),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        message.Headers.TryAddWithoutValidation("grpc-timeout", GrpcTimeout.Format(remaining));
        foreach (var (key, value) in metadata) message.Headers.TryAddWithoutValidation(key, value);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new GrpcException(GrpcStatusCode.Unavailable, ex.InnerException?.Message ?? ex.Message, ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // Not our deadline: the handler's ConnectTimeout. The endpoint is unreachable, which is retryable.
            throw new GrpcException(GrpcStatusCode.Unavailable, "connection timed out", ex);
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
                throw new GrpcException(FromHttpStatus(response.StatusCode), $"HTTP {(int)response.StatusCode} instead of a gRPC answer");
            // Trailers-only: the status arrives with the headers and there is no message.
            if (Status(response.Headers) is { } early && early.Code != GrpcStatusCode.Ok) throw early;

            byte[] body;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                body = await GrpcFraming.ReadBoundedAsync(stream, settings.MaxMessageBytes + GrpcFraming.PrefixLength, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                // The stream was reset or the server died mid-answer.
                throw new GrpcException(GrpcStatusCode.Unavailable, "the answer was cut off: " + ex.Message, ex);
            }
            var status = Status(response.TrailingHeaders) ?? Status(response.Headers)
                         ?? new GrpcException(GrpcStatusCode.Internal, "the answer carried no grpc-status");
            if (status.Code != GrpcStatusCode.Ok) throw status;
            return GrpcFraming.ReadSingle(body, settings.MaxMessageBytes);
        }
    }

    private static GrpcException? Status(HttpHeaders headers)
    {
        if (!headers.TryGetValues("grpc-status", out var values)) return null;
        var raw = values.FirstOrDefault();
        var code = int.TryParse(raw, out var n) && Enum.IsDefined((GrpcStatusCode)n) ? (GrpcStatusCode)n : GrpcStatusCode.Unknown;
        var detail = headers.TryGetValues("grpc-message", out var messages) ? Uri.UnescapeDataString(messages.FirstOrDefault() ?? "") : "";
        return new GrpcException(code, detail.Length > 0 ? detail : code.ToString());
    }

    // The mapping gRPC prescribes for HTTP statuses that are not 200 (grpc/doc/http-grpc-status-mapping.md).
    private static GrpcStatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => GrpcStatusCode.Internal,
        401 => GrpcStatusCode.Unauthenticated,
        403 => GrpcStatusCode.PermissionDenied,
        404 => GrpcStatusCode.Unimplemented,
        429 or 502 or 503 or 504 => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };
}
