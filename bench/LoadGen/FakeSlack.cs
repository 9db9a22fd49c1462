using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LoadGen;

/// <summary>A stand-in for Slack's Web API on loopback: answers like Slack, counts calls per method and
/// tells a waiter the moment the call it waits for arrives.</summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiters = new();
    private WebApplication _app = null!;

    public string ApiBaseUrl { get; private set; } = "";

    public static async Task<FakeSlack> StartAsync()
    {
        var fake = new FakeSlack();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/api/{method}", async (string method, HttpRequest request) => await fake.AnswerAsync(method, request));
        app.MapPost("/upload/{id}", async (string id, HttpRequest request) => await fake.AnswerAsync("upload", request));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake._app = app;
        fake.ApiBaseUrl = address.TrimEnd('/') + "/api/";
        return fake;
    }

    public int Count(string method) => _counts.GetValueOrDefault(method);

    private readonly ConcurrentDictionary<string, int> _postsByGroup = new();
    private long _rateLimitedUntil;
    private int _rateLimitAnswers;

    /// <summary>Storm alert groups (named Storm###) with a top-level post, and how many were posted more than once.</summary>
    public int GroupsPosted => _postsByGroup.Count;
    public int DuplicatePosts => _postsByGroup.Values.Sum(n => n - 1);
    public int RateLimitAnswers => Volatile.Read(ref _rateLimitAnswers);

    /// <summary>Stopwatch timestamp of the last top-level post of a storm group.</summary>
    public long? LastPostAt { get; private set; }

    public void ResetPosts()
    {
        _postsByGroup.Clear();
        LastPostAt = null;
    }

    /// <summary>Answers 429 (Retry-After: 1) to every chat.postMessage and chat.update for this long from now, as Slack
    /// does in a burst.</summary>
    public void RateLimitFor(TimeSpan span) =>
        Volatile.Write(ref _rateLimitedUntil, Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency));

    /// <summary>Completes with the Stopwatch timestamp of the next call of <paramref name="method"/>.</summary>
    public Task<long> Next(string method)
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiters.TryAdd(method, waiter)) throw new InvalidOperationException($"already waiting for {method}");
        return waiter.Task;
    }

    private async Task<IResult> AnswerAsync(string method, HttpRequest request)
    {
        // The whole body is read before the call counts as received.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var at = Stopwatch.GetTimestamp();
        if (method is "chat.postMessage" or "chat.update" && at < Volatile.Read(ref _rateLimitedUntil))
        {
            Interlocked.Increment(ref _rateLimitAnswers);
            return new RateLimited();
        }
        if (method == "chat.postMessage") CountStormPost(body.ToArray(), at);
        _counts.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (_waiters.TryRemove(method, out var waiter)) waiter.TrySetResult(at);
        return method switch
        {
            "auth.test" => Results.Json(new JsonObject { ["ok"] = true, ["user_id"] = SlackWire.BotUserId, ["bot_id"] = "BBENCHBOT", ["team_id"] = "T0BENCH" }),
            "upload" => Results.Text("OK - 1234"),
            "files.getUploadURLExternal" => Results.Json(new JsonObject
            {
                ["ok"] = true, ["upload_url"] = ApiBaseUrl.Replace("/api/", "/upload/F0BENCH", StringComparison.Ordinal), ["file_id"] = "F0BENCH",
            }),
            _ => Results.Json(new JsonObject { ["ok"] = true, ["channel"] = "C0BENCH", ["ts"] = "1700000002.000100" }),
        };
    }

    private void CountStormPost(byte[] body, long at)
    {
        if (body.Length == 0 || body[0] != (byte)'{') return;
        var json = JsonNode.Parse(body) as JsonObject;
        if (json?["thread_ts"] is not null || (string?)json?["text"] is not { } text) return;
        var start = text.IndexOf("Storm", StringComparison.Ordinal);
        if (start < 0 || start + 8 > text.Length) return;
        _postsByGroup.AddOrUpdate(text.Substring(start, 8), 1, (_, n) => n + 1);
        LastPostAt = at;
    }

    private sealed class RateLimited : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = 429;
            http.Response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
