using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Functions;

/// <summary>
/// Local mode keeps what it acked in storage, not in memory: a command acked while Slack was down, whose
/// process was then killed, is answered once by the next process (the real executable, a real Azurite).
/// </summary>
public sealed partial class DurableLocalModeTests
{
    [Fact]
    public async Task ACommandAckedBeforeACrash_IsAnsweredOnce_AfterTheRestart()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var azurite = await Azurite.StartAsync();
        // Slack is down for the first attempt.
        slack.Script("chat.postMessage", _ => Microsoft.AspNetCore.Http.Results.StatusCode(503));

        var first = await ServeAsync(azurite, slack);
        var body = SlackRequests.AppMention("<@UBOT0001> help", eventId: "EvCrash", ts: "1700000900.000100");
        using (var http = new HttpClient())
        {
            var ack = await PostAsync(http, first.Url, body);
            Assert.Equal(200, (int)ack.StatusCode);
        }
        await slack.WaitForCallsAsync("chat.postMessage", 1, TimeSpan.FromSeconds(60));
        first.Process.Kill(entireProcessTree: true);
        await first.Process.WaitForExitAsync();

        var second = await ServeAsync(azurite, slack);
        try
        {
            var posts = await slack.WaitForCallsAsync("chat.postMessage", 2, TimeSpan.FromSeconds(60));
            Assert.Contains("help [command]", posts[1].Str("text"));
            Assert.Equal("1700000900.000100", posts[1].Str("thread_ts"));
            // Nothing more comes: the answered message was deleted and its key recorded.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(2, slack.CallsTo("chat.postMessage").Count);
        }
        finally
        {
            second.Process.Kill(entireProcessTree: true);
            await second.Process.WaitForExitAsync();
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "api/slack") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        foreach (var (name, values) in SlackRequests.SignedHeaders(body))
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) request.Headers.TryAddWithoutValidation(name, values);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return http.SendAsync(request);
    }

    private static async Task<(Process Process, string Url)> ServeAsync(Azurite azurite, FakeSlackApi slack)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(ChatOps.Local.Cli.CommandLineRunner).Assembly.Location, "serve", "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["Slack__SigningSecret"] = SlackRequests.Secret;
        start.Environment["Slack__BotToken"] = SlackRequests.BotToken;
        start.Environment["Slack__ApiBaseUrl"] = slack.ApiBaseUrl;
        start.Environment["Ops__Endpoint"] = "http://127.0.0.1:1";
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["LocalQueue__VisibilityTimeout"] = "00:00:02";
        start.Environment["LocalQueue__Lease"] = "00:00:04";
        start.Environment["LocalSettings__Disabled"] = "true";
        var process = Process.Start(start)!;
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            TestLogs.Add("local-serve stdout", e.Data);
            if (e.Data is { } line && Listening().Match(line) is { Success: true } m) url.TrySetResult(m.Groups[1].Value + "/");
        };
        process.ErrorDataReceived += (_, e) => TestLogs.Add("local-serve stderr", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(url.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != url.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("ChatOps.Local serve did not start listening");
        }
        return (process, await url.Task);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
