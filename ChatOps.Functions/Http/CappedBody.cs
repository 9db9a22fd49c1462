using Microsoft.AspNetCore.Http;

namespace ChatOps.Functions.Http;

/// <summary>
/// Reads a request body but never more than the limit allows: a Content-Length over the limit is refused
/// before a byte is read, and a body without one is read only until it passes the limit. So a flood of
/// oversized posts costs no memory (8 parallel 28 MB posts once took the process to 2.35 GB).
/// </summary>
public static class CappedBody
{
    /// <returns>The bytes, or null with the length seen so far when the body is over the limit.</returns>
    public static async Task<(byte[]? Body, long Length)> ReadAsync(HttpRequest request, int limit, CancellationToken ct = default)
    {
        if (request.ContentLength is { } declared && declared > limit) return (null, declared);
        var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) return (null, buffer.Length + read);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), buffer.Length);
    }
}
