using System.Net;
using System.Net.Http.Headers;

namespace ChatOps.OpsService.Profiles;

/// <summary>
/// Fetches one profile from a service's pprof endpoint: bounded in time (the profile's own seconds plus a margin) and
/// in size (the source's MaxBytes). Every way the target can fail is a <see cref="ProfileFailure"/> in words.
/// </summary>
public sealed class ProfileFetcher(HttpClient http)
{
    /// <summary>Time allowed beyond the sampling itself: connecting, symbolising, sending.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(20);

    public async Task<byte[]> FetchAsync(string service, ProfileSourceOptions source, string kind, int seconds, CancellationToken ct)
    {
        var url = source.Url.TrimEnd('/') + ProfileKind.PathOf(kind, seconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(kind == ProfileKind.Cpu ? seconds : 0) + Margin);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(source.Token))
        {
            if (string.IsNullOrEmpty(source.TokenHeader)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", source.Token);
            else request.Headers.TryAddWithoutValidation(source.TokenHeader, source.Token);
        }
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new ProfileFailure(StatusFailure(service, kind, response.StatusCode));
            if (response.Content.Headers.ContentLength is { } length && length > source.MaxBytes)
                throw new ProfileFailure($"{service}'s {kind} profile is {Sizes.Of(length)}, over the limit of {Sizes.Of(source.MaxBytes)}");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var bytes = await BoundedRead.ReadAsync(body, source.MaxBytes, timeout.Token).ConfigureAwait(false)
                ?? throw new ProfileFailure($"{service}'s {kind} profile is over the limit of {Sizes.Of(source.MaxBytes)}");
            if (LooksLikeHtml(response, bytes))
                throw new ProfileFailure($"{service} answered with a web page, not a profile (a login page or a proxy in the way?)");
            return bytes;
        }
        catch (HttpRequestException ex)
        {
            throw new ProfileFailure($"{service} is unreachable at its pprof address ({ex.HttpRequestError})", ex);
        }
        catch (IOException ex)
        {
            throw new ProfileFailure($"{service}'s answer was cut off", ex);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new ProfileFailure($"{service} did not send the profile within {(kind == ProfileKind.Cpu ? seconds : 0) + Margin.TotalSeconds:0} s", ex);
        }
    }

    private static string StatusFailure(string service, string kind, HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => $"{service} has no {kind} profile (HTTP 404: is pprof served at the configured Url?)",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => $"{service} refused the profile request (HTTP {(int)status}: check its Token)",
        _ => $"{service} answered HTTP {(int)status} instead of the {kind} profile",
    };

    private static bool LooksLikeHtml(HttpResponseMessage response, byte[] bytes)
    {
        if (response.Content.Headers.ContentType?.MediaType is "text/html") return true;
        var start = 0;
        while (start < bytes.Length && bytes[start] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') start++;
        return start < bytes.Length && bytes[start] == (byte)'<';
    }
}
