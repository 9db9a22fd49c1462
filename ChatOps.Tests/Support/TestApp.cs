using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Functions;
using ChatOps.Functions.HostProtocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Support;

/// <summary>The real ChatOps.Functions web app on a loopback port, configured against a fake Slack.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();

    private TestApp(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(AppMode mode, FakeSlackApi slack,
        IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string>
        {
            ["Slack:SigningSecret"] = SlackRequests.Secret,
            ["Slack:BotToken"] = SlackRequests.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Confirmations:HmacKey"] = SlackRequests.HmacKey,
            ["Ops:Endpoint"] = "http://127.0.0.1:1",
            ["LocalQueue:VisibilityTimeout"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
            // A developer's own local.settings.json must not leak into tests.
            ["LocalSettings:Disabled"] = "true",
        };
        if (mode == AppMode.Host) values["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort.Next().ToString();
        else values["urls"] = "http://127.0.0.1:0";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) values[k] = v;

        var args = values.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = ChatOpsApp.Build(args, mode, builder =>
        {
            TestLogs.CaptureInto(builder.Logging);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApp(app, address.TrimEnd('/') + "/");
    }

    /// <summary>Posts a host invocation payload to /&lt;function&gt;, as the Functions host does.</summary>
    public async Task<(int Status, JsonObject Body)> InvokeAsync(string function, JsonObject payload)
    {
        using var response = await _http.PostAsync(BaseUrl + function, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text)!.AsObject();
        // What the host would put in the invocation log (Application Insights) is a log line too.
        if (body["Logs"] is JsonArray logs)
            foreach (var line in logs) TestLogs.Add("invocation-log", (string?)line);
        return ((int)response.StatusCode, body);
    }

    /// <summary>Invokes the slack function with a Slack request wrapped in the host's HTTP trigger payload.</summary>
    public Task<(int Status, JsonObject Body)> InvokeSlackAsync(string body, IDictionary<string, string[]> headers) =>
        InvokeAsync(FunctionNames.Slack, HttpTriggerData.ToHostPayload(FunctionNames.HttpTrigger, "POST",
            "https://chatops.example.net/api/slack?code=function-key-secret", headers, body));

    /// <summary>A raw Slack request to local mode's /api/slack.</summary>
    public async Task<HttpResponseMessage> PostRawSlackAsync(string body, IDictionary<string, string[]> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + "api/slack")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        foreach (var (name, values) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                request.Content.Headers.TryAddWithoutValidation(name, values);
            else
                request.Headers.TryAddWithoutValidation(name, values);
        }
        return await _http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
