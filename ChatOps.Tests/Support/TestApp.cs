using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using ChatOps.Core.Envelopes;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using ChatOps.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Support;

/// <summary>
/// The function app's services as the isolated worker builds them (AddChatOpsServices), against a fake Slack
/// and a real Azurite for the delivery claims. Tests call the function classes directly, as the worker does:
/// a DefaultHttpContext request for `slack`, a QueueMessage for `worker` and `poison`.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestApp(ServiceProvider services) => _services = services;

    public IServiceProvider Services => _services;

    /// <summary>This app's dedupe container in Azurite (what the delivery claims write).</summary>
    public Azure.Storage.Blobs.BlobContainerClient Dedupe => _services.GetRequiredService<ChatOps.Functions.Storage.StorageAccount>().Blobs()
        .GetBlobContainerClient(_services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ChatOps.Functions.Storage.DedupeOptions>>().Value.Container);

    /// <summary>The names of the blobs in <see cref="Dedupe"/>.</summary>
    public async Task<List<string>> DedupeKeysAsync()
    {
        var names = new List<string>();
        if (!(await Dedupe.ExistsAsync()).Value) return names;
        await foreach (var blob in Dedupe.GetBlobsAsync()) names.Add(blob.Name);
        return names;
    }

    /// <param name="settings">App settings in configuration form (Slack:BotToken); "Dedupe:Container" shared
    /// by two apps makes them two instances of one scaled-out app.</param>
    public static async Task<TestApp> StartAsync(FakeSlackApi slack, IDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var azurite = await Azurite.SharedAsync();
        var values = AppSettings.For(slack, azurite);
        values["Dedupe:Container"] = "dedupe-" + Guid.NewGuid().ToString("N")[..12];
        // Each app its own overrides, unless the settings make two apps one scaled-out app.
        values["OnCall:Container"] = "oncall-" + Guid.NewGuid().ToString("N")[..12];
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) values[k] = v;
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(values);
        ShortcutsFile.AddBeneath(configuration, RepoRoot.Path);

        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddConfiguration(configuration.GetSection("Logging"));
            TestLogs.CaptureInto(logging);
        });
        collection.AddChatOpsServices(configuration, serving: true, HostJsonQueues.Read(Path.Combine(RepoRoot.Path, "ChatOps.Functions", "host.json")));
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var problems = StartupSettings.Problems(provider);
        if (problems.Count > 0) throw new InvalidOperationException("settings: " + string.Join("; ", problems));
        return new TestApp(provider);
    }

    /// <summary>The `slack` function on a request with these exact body bytes and headers.</summary>
    public Task<SlackCall> InvokeSlackAsync(string body, IDictionary<string, string[]> headers) =>
        InvokeSlackAsync(Encoding.UTF8.GetBytes(body), headers);

    public async Task<SlackCall> InvokeSlackAsync(byte[] body, IDictionary<string, string[]> headers)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = "POST";
        http.Request.Path = "/api/slack";
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        foreach (var (name, value) in headers) http.Request.Headers[name] = value;
        var output = await _services.GetRequiredService<SlackFunction>().RunAsync(http.Request);
        var message = output.Message is { } text ? JsonNode.Parse(text)!.AsObject() : null;
        return new SlackCall(output.Response.StatusCode ?? 200, output.Response.Content ?? "", output.Response.ContentType ?? "", message);
    }

    /// <summary>The `alertmanager` function on a POST with this body and Authorization header (null: none).</summary>
    public async Task<SlackCall> InvokeAlertmanagerAsync(string body, string? authorization)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Request.Method = "POST";
        http.Request.Path = "/api/alertmanager";
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        if (authorization is not null) http.Request.Headers.Authorization = authorization;
        var output = await _services.GetRequiredService<AlertmanagerFunction>().RunAsync(http.Request);
        var message = output.Message is { } text ? JsonNode.Parse(text)!.AsObject() : null;
        return new SlackCall(output.Response.StatusCode ?? 200, output.Response.Content ?? "", output.Response.ContentType ?? "", message);
    }

    /// <summary>One delivery of a queue message to `worker`: 200 when the invocation succeeded, 500 when it
    /// failed (the queue would show the message again).</summary>
    public Task<int> InvokeWorkerAsync(string messageText, int dequeueCount = 1, string messageId = "msg-1") =>
        InvokeAsync(f => _services.GetRequiredService<WorkerFunction>().RunAsync(f), messageText, dequeueCount, messageId);

    public Task<int> InvokeWorkerAsync(CommandEnvelope envelope, int dequeueCount = 1, string messageId = "msg-1") =>
        InvokeWorkerAsync(EnvelopeJson.Serialize(envelope), dequeueCount, messageId);

    public Task<int> InvokePoisonAsync(CommandEnvelope envelope) =>
        InvokeAsync(f => _services.GetRequiredService<PoisonFunction>().RunAsync(f), EnvelopeJson.Serialize(envelope), 1, "poison-1");

    private static async Task<int> InvokeAsync(Func<QueueMessage, Task> run, string text, int dequeueCount, string messageId)
    {
        var message = QueuesModelFactory.QueueMessage(messageId, "pop-" + messageId, BinaryData.FromString(text), dequeueCount,
            insertedOn: DateTimeOffset.UtcNow);
        try
        {
            await run(message);
            return 200;
        }
        catch (Exception ex)
        {
            TestLogs.Add("invocation-failure", ex.ToString());
            return 500;
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>What the `slack` function answered, and the queue message it wrote (null: none).</summary>
public sealed record SlackCall(int Status, string Body, string ContentType, JsonObject? Message);
