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
        await request.Body.CopyToAsync(Stream.Null);
        var at = Stopwatch.GetTimestamp();
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
