using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Support;

/// <summary>
/// An in-process HTTP server standing in for slack.com/api and for response_url hooks. Records
/// every call; answers as Slack documents (HTTP 200 with {"ok":...}), or as a test scripts it.
/// </summary>
public sealed class FakeSlackApi : IAsyncDisposable
{
    public const string BotUserId = "UBOT0001";
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<RecordedCall, IResult>>> _scripted = new();


    public string BaseUrl { get; private set; } = "";

    /// <summary>What usergroups.users.list answers for any group.</summary>
    public string[] GroupMembers { get; set; } = [];
    public string ApiBaseUrl => BaseUrl + "api/";

    /// <summary>Files people shared, by id: what files.info says of them and what the file host serves.</summary>
    public ConcurrentDictionary<string, SharedFile> Files { get; } = new();
    public IReadOnlyList<RecordedCall> Calls => _calls.ToList();

    /// <summary>A response_url for a slash command, served by this fake.</summary>
    public string ResponseUrl(string id) => $"{BaseUrl}response/{id}";

    public static async Task<FakeSlackApi> StartAsync()
    {
        var fake = new FakeSlackApi();
        (fake._app, var url) = await LoopbackSite.StartAsync(app =>
        {
            app.MapPost("/api/{method}", async (string method, HttpRequest request) => await fake.AnswerAsync(method, request));
            app.MapPost("/response/{id}", async (string id, HttpRequest request) => await fake.AnswerAsync("response_url", request));
            app.MapPost("/upload/{id}", async (string id, HttpRequest request) => await fake.AnswerAsync("upload", request));
            // Slack's file host: the bytes of a shared file, for a request that carries the bot token.
            app.MapGet("/files/{id}/{name}", async (string id, string name, HttpRequest request) => await fake.AnswerAsync("file download", request));
        });
        fake.BaseUrl = url + "/";
        return fake;
    }

    /// <summary>The next calls of <paramref name="method"/> get these answers, in order, before the defaults resume.</summary>
    public void Script(string method, params Func<RecordedCall, IResult>[] answers)
    {
        var queue = _scripted.GetOrAdd(method, _ => new ConcurrentQueue<Func<RecordedCall, IResult>>());
        foreach (var answer in answers) queue.Enqueue(answer);
    }

    public static IResult SlackError(string error) => Results.Json(new JsonObject { ["ok"] = false, ["error"] = error });

    public static IResult RateLimited(int seconds) => new RateLimitedResult(seconds);

    public IReadOnlyList<RecordedCall> CallsTo(string method) => Calls.Where(c => c.Method == method).ToList();

    /// <summary>Waits until at least <paramref name="count"/> calls of <paramref name="method"/> arrived.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForCallsAsync(string method, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            var calls = CallsTo(method);
            if (calls.Count >= count) return calls;
            await Task.Delay(20);
        }
        throw new TimeoutException($"expected {count} call(s) to {method}, saw {CallsTo(method).Count}: {string.Join(", ", Calls.Select(c => c.Method))}");
    }

    private async Task<IResult> AnswerAsync(string method, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        var call = new RecordedCall(method, request.Headers.Authorization.ToString(), text, json ?? []) { Bytes = bytes };
        _calls.Enqueue(call);
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted)) return scripted(call);
        return method switch
        {
            "auth.test" => Results.Json(new JsonObject { ["ok"] = true, ["user_id"] = BotUserId, ["bot_id"] = "BBOT0001", ["team_id"] = "T0001" }),
            "response_url" or "upload" => Results.Text("ok"),
            "usergroups.users.list" => Results.Json(new JsonObject
                { ["ok"] = true, ["users"] = new JsonArray(GroupMembers.Select(u => (JsonNode?)u).ToArray()) }),
            "files.info" when Files.TryGetValue(call.Form("file") ?? "", out var file) => Results.Json(new JsonObject
            {
                ["ok"] = true,
                ["file"] = new JsonObject
                {
                    ["id"] = call.Form("file"), ["name"] = file.Name, ["size"] = file.ReportedSize ?? file.Content.Length, ["user_team"] = file.UserTeam,
                    ["url_private_download"] = file.DownloadUrl ?? $"{BaseUrl}files/{call.Form("file")}/{file.Name}",
                },
            }),
            "files.info" => SlackError("file_not_found"),
            "file download" when Files.Values.FirstOrDefault(f => request.Path.Value!.EndsWith("/" + f.Name, StringComparison.Ordinal)) is { } served =>
                served.RedirectTo is { } elsewhere ? Results.Redirect(elsewhere)
                : call.Authorization == "Bearer " + SlackRequests.BotToken ? Results.Bytes(served.Content) : Results.Redirect("/signin"),
            "file download" => Results.NotFound(),
            "files.getUploadURLExternal" => Results.Json(new JsonObject
                { ["ok"] = true, ["upload_url"] = $"{BaseUrl}upload/F0{_calls.Count}", ["file_id"] = $"F0{_calls.Count}" }),
            _ => Results.Json(new JsonObject { ["ok"] = true, ["ts"] = $"1700000000.{_calls.Count:D6}" }),
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed class RateLimitedResult(int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 429;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }
}

/// <summary>One request the fake received: the API method (or "response_url"), the Authorization header and the body.</summary>
public sealed record RecordedCall(string Method, string Authorization, string Body, JsonObject Json)
{
    public byte[] Bytes { get; init; } = [];

    /// <summary>A form-encoded field of the body (the files.* methods take forms).</summary>
    public string? Form(string name) => ChatOps.Core.Slack.FormBody.Parse(Body).GetValueOrDefault(name);

    public string? Str(string name) => Json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}

/// <summary>A file shared in the fake workspace. <see cref="ReportedSize"/> lets files.info say another size than the bytes served;
/// <see cref="RedirectTo"/> makes the file host answer with a redirect there.</summary>
public sealed record SharedFile(string Name, byte[] Content, string UserTeam = "T0001", string? DownloadUrl = null, long? ReportedSize = null,
    string? RedirectTo = null);
