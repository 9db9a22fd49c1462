using Azure.Storage.Queues.Models;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using ChatOps.Functions.Functions;
using Microsoft.Extensions.Logging.Abstractions;

namespace LoadGen;

/// <summary>
/// The function classes in this process, with the services the isolated worker registers
/// (AddChatOpsServices), as ChatOps.Tests does: a DefaultHttpContext request into SlackFunction.RunAsync,
/// a QueueMessage into WorkerFunction.RunAsync. The isolated worker cannot start without a Functions host,
/// so this is what stands for "the function, without the transport" (the old host-payload rows).
/// No logger output: the host would ship the logs elsewhere.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly SlackFunction _slack;

    private InProcessApp(ServiceProvider services)
    {
        _services = services;
        _slack = services.GetRequiredService<SlackFunction>();
    }

    /// <param name="settings">App settings in environment form (Slack__BotToken), as the processes get them.</param>
    public static InProcessApp Start(IReadOnlyDictionary<string, string> settings, string repo)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":", StringComparison.Ordinal), kv.Value)))
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddChatOpsServices(configuration, serving: true, HostJsonQueues.Read(Path.Combine(repo, AppRoot.ProjectFolder, "host.json")));
        var provider = collection.BuildServiceProvider();
        if (StartupSettings.Problems(provider) is { Count: > 0 } problems)
            throw new InvalidOperationException("in-process settings: " + string.Join("; ", problems));
        return new InProcessApp(provider);
    }

    /// <summary>One signed mention through the `slack` function: true when it answered 200 and queued a command.</summary>
    public async Task<bool> AckAsync(string text)
    {
        var (body, ts, sig) = SlackWire.SignedMention(text);
        var output = await _slack.RunAsync(Request(body, ts, sig).Request);
        return (output.Response.StatusCode ?? 200) == 200 && output.Message is not null;
    }

    /// <summary>The queue message the `slack` function writes for a mention of this text.</summary>
    public async Task<string> QueuedMessageAsync(string text)
    {
        var (body, ts, sig) = SlackWire.SignedMention(text);
        var output = await _slack.RunAsync(Request(body, ts, sig).Request);
        return output.Message ?? throw new InvalidOperationException($"the slack function queued nothing for `{text}` ({output.Response.StatusCode})");
    }

    /// <summary>One delivery of a queue message to the `worker` function, as the host makes it.</summary>
    public Task WorkerAsync(string messageText)
    {
        var id = Guid.NewGuid().ToString();
        var message = QueuesModelFactory.QueueMessage(id, "pop-" + id, BinaryData.FromString(messageText), 1, insertedOn: DateTimeOffset.UtcNow);
        return _services.GetRequiredService<WorkerFunction>().RunAsync(message);
    }

    private DefaultHttpContext Request(byte[] body, string ts, string sig)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = "POST";
        http.Request.Path = "/api/slack";
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        http.Request.Headers["X-Slack-Request-Timestamp"] = ts;
        http.Request.Headers["X-Slack-Signature"] = sig;
        http.Request.Headers.UserAgent = "Slackbot 1.0 (+https://api.slack.com/robots)";
        return http;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
