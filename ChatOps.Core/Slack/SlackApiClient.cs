using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Slack;

/// <summary>
/// Slack Web API over HttpClient. One place turns HTTP into results: `ok:false` into a typed
/// <see cref="SlackApiException"/>, 429 into a wait of Retry-After seconds (bounded), 5xx and network
/// errors into transient failures. The bot token goes only to <see cref="SlackOptions.ApiBaseUrl"/>.
/// </summary>
public sealed partial class SlackApiClient(HttpClient http, SlackOptions options, Func<TimeSpan, CancellationToken, Task>? delay = null,
    ChannelPacer? pacer = null)
    : ISlackClient
{
    private readonly ChannelPacer _pacer = pacer ?? new ChannelPacer(options.ChannelPace, TimeProvider.System);
    private const int MaxAttempts = 3;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;
    private readonly Uri _base = new(options.ApiBaseUrl.EndsWith('/') ? options.ApiBaseUrl : options.ApiBaseUrl + "/");
    private Task<SlackIdentity>? _identity;

    public Task<SlackIdentity> WhoAmIAsync(CancellationToken ct = default)
    {
        // Cached for the life of the process; a failed call is not cached so the next one retries.
        var cached = _identity;
        if (cached is { IsCompletedSuccessfully: true }) return cached;
        // Not the first caller's token: the task is shared, and one cancelled invocation must not fail the others.
        return _identity = LoadIdentityAsync(CancellationToken.None);
    }

    private async Task<SlackIdentity> LoadIdentityAsync(CancellationToken ct)
    {
        var json = await CallAsync("auth.test", new JsonObject(), ct).ConfigureAwait(false);
        var user = (string?)json["user_id"] ?? throw new SlackApiException("auth.test", "invalid_response", true);
        return new SlackIdentity(user, (string?)json["bot_id"], (string?)json["team_id"]);
    }

    public async Task<string> PostMessageAsync(string channel, ChatReply reply, string? threadTs, CancellationToken ct = default)
    {
        var body = BlockKitJson.ToPayload(reply);
        body["channel"] = channel;
        if (threadTs is not null) body["thread_ts"] = threadTs;
        await _pacer.WaitTurnAsync(channel, ct).ConfigureAwait(false);
        var json = await CallAsync("chat.postMessage", body, ct).ConfigureAwait(false);
        return (string?)json["ts"] ?? "";
    }

    public Task PostEphemeralAsync(string channel, string user, ChatReply reply, string? threadTs, CancellationToken ct = default)
    {
        var body = BlockKitJson.ToPayload(reply);
        body["channel"] = channel;
        body["user"] = user;
        if (threadTs is not null) body["thread_ts"] = threadTs;
        return CallAsync("chat.postEphemeral", body, ct);
    }

    public Task UpdateMessageAsync(string channel, string ts, ChatReply reply, CancellationToken ct = default)
    {
        var body = BlockKitJson.ToPayload(reply);
        body["channel"] = channel;
        body["ts"] = ts;
        return CallAsync("chat.update", body, ct);
    }

    public async Task UploadFileAsync(string channel, string? threadTs, ReplyFile file, string? initialComment, CancellationToken ct = default)
    {
        var upload = await CallAsync("files.getUploadURLExternal", () => FormRequest("files.getUploadURLExternal",
            [new("filename", file.FileName), new("length", file.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("alt_txt", file.AltText)]), ct).ConfigureAwait(false);
        var uploadUrl = (string?)upload["upload_url"] ?? throw new SlackApiException("files.getUploadURLExternal", "invalid_response", true);
        var fileId = (string?)upload["file_id"] ?? throw new SlackApiException("files.getUploadURLExternal", "invalid_response", true);

        // The upload URL is Slack's own, pre-authorised: no token goes with the bytes.
        var (status, _) = await SendAsync("file upload", () => new HttpRequestMessage(HttpMethod.Post, uploadUrl)
        {
            Content = new ByteArrayContent(file.Content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, ct).ConfigureAwait(false);
        if ((int)status >= 400) throw new SlackApiException("file upload", $"http_{(int)status}", (int)status >= 500);

        var files = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = file.Title }).ToJsonString();
        var fields = new List<KeyValuePair<string, string>> { new("files", files), new("channel_id", channel) };
        if (threadTs is not null) fields.Add(new("thread_ts", threadTs));
        if (!string.IsNullOrEmpty(initialComment)) fields.Add(new("initial_comment", initialComment));
        await _pacer.WaitTurnAsync(channel, ct).ConfigureAwait(false);
        await CallAsync("files.completeUploadExternal", () => FormRequest("files.completeUploadExternal", fields), ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> UserGroupMembersAsync(string groupId, CancellationToken ct = default)
    {
        var json = await CallAsync("usergroups.users.list", () => FormRequest("usergroups.users.list", [new("usergroup", groupId)]), ct)
            .ConfigureAwait(false);
        return (json["users"] as JsonArray ?? []).Select(u => u?.ToString() ?? "").Where(u => u.Length > 0).ToList();
    }

    public async Task RespondAsync(string responseUrl, ChatReply reply, bool inChannel, bool replaceOriginal, CancellationToken ct = default)
    {
        var body = BlockKitJson.ToPayload(reply);
        body["response_type"] = inChannel ? "in_channel" : "ephemeral";
        body["replace_original"] = replaceOriginal;
        var (status, text) = await SendAsync("response_url", () => JsonRequest(new Uri(responseUrl), body, withToken: false), ct)
            .ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound) throw new SlackApiException("response_url", "expired_url", false);
        if ((int)status >= 400) throw new SlackApiException("response_url", $"http_{(int)status}", (int)status >= 500);
        // Slack answers "ok" as text or {"ok":true}; only an explicit ok:false is a refusal.
        if (TryParseObject(text) is { } json && json["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && !isOk)
            throw SlackApiException.FromOkFalse("response_url", (string?)json["error"] ?? "unknown_error");
    }

    private Task<JsonObject> CallAsync(string method, JsonObject body, CancellationToken ct) =>
        CallAsync(method, () => JsonRequest(new Uri(_base, method), body, withToken: true), ct);

    private async Task<JsonObject> CallAsync(string method, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var (status, text) = await SendAsync(method, build, ct).ConfigureAwait(false);
        if ((int)status >= 400) throw new SlackApiException(method, $"http_{(int)status}", (int)status >= 500);
        var json = TryParseObject(text) ?? throw new SlackApiException(method, "invalid_response", true);
        if (json["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) && isOk) return json;
        throw SlackApiException.FromOkFalse(method, (string?)json["error"] ?? "unknown_error");
    }

    /// <summary>Sends with the 429 policy; returns the final status and body text.</summary>
    private async Task<(HttpStatusCode Status, string Text)> SendAsync(string method, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(build(), ct).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new SlackApiException(method, "network_error", true, ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new SlackApiException(method, "timeout", true, ex);
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    return (response.StatusCode, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));

                var wait = RetryAfter(response);
                if (attempt >= MaxAttempts || wait > options.MaxRetryAfter)
                    throw new SlackApiException(method, "ratelimited", true, retryAfter: wait);
                await _delay(wait, ct).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var wait = response.Headers.RetryAfter?.Delta
                   ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null)
                   ?? TimeSpan.FromSeconds(1);
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    /// <summary>The files.* methods take form fields, not JSON.</summary>
    private HttpRequestMessage FormRequest(string method, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, method)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
        return request;
    }

    private HttpRequestMessage JsonRequest(Uri url, JsonObject body, bool withToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (withToken) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.BotToken);
        return request;
    }

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
