using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ChatOps.Core.Slack;

/// <summary>Reading files people share: files.info, then the bytes from Slack's file host with the bot token.</summary>
public sealed partial class SlackApiClient
{
    public async Task<SlackFile> FileInfoAsync(string fileId, CancellationToken ct = default)
    {
        var json = await CallAsync("files.info", () => FormRequest("files.info", [new("file", fileId)]), ct).ConfigureAwait(false);
        var file = json["file"] as JsonObject ?? throw new SlackApiException("files.info", "invalid_response", true);
        return new SlackFile((string?)file["id"] ?? fileId, (string?)file["name"] ?? fileId, file["size"]?.GetValue<long>() ?? 0,
            (string?)file["url_private_download"] ?? (string?)file["url_private"], (string?)file["user_team"],
            file["is_external"] is JsonValue external && external.TryGetValue<bool>(out var isExternal) && isExternal);
    }

    public async Task<SlackDownload> DownloadFileAsync(SlackFile file, int maxBytes, CancellationToken ct = default)
    {
        if (file.IsExternal) return new SlackDownload(null, "the file is a link to another service, not a file uploaded to Slack");
        if (!IsSlackFileUrl(file.DownloadUrl, out var url)) return new SlackDownload(null, "the file's download address is not Slack's file host, so it was not fetched");
        if (file.Size > maxBytes) return new SlackDownload(null, $"the file is {file.Size:N0} bytes; at most {maxBytes:N0} are taken");

        HttpResponseMessage response;
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
            // Headers first: the size is checked while reading, so a file larger than Slack said is never held whole.
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SlackApiException("file download", "network_error", true, ex);
        }
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound) return new SlackDownload(null, "Slack no longer has the file (deleted?)");
            if (!response.IsSuccessStatusCode) throw new SlackApiException("file download", $"http_{(int)response.StatusCode}", (int)response.StatusCode >= 500);
            // A redirect to a sign-in page instead of the file means the token lacks files:read.
            if (response.RequestMessage?.RequestUri is { } final && !IsSlackFileUrl(final.ToString(), out _))
                return new SlackDownload(null, "Slack sent a page instead of the file; the app may lack the files:read scope");
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) return new SlackDownload(null, $"the file is over {maxBytes:N0} bytes, the most that is taken");
            }
            return new SlackDownload(buffer.ToArray(), null);
        }
    }

    private bool IsSlackFileUrl(string? candidate, out Uri url)
    {
        url = null!;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var parsed) || !Uri.TryCreate(options.FileHostUrl, UriKind.Absolute, out var host)) return false;
        url = parsed;
        return parsed.Scheme == host.Scheme && string.Equals(parsed.IdnHost, host.IdnHost, StringComparison.OrdinalIgnoreCase) && parsed.Port == host.Port
               && parsed.UserInfo.Length == 0;
    }
}
