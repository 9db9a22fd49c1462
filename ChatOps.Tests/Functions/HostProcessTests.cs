using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatOps.Functions;
using ChatOps.Functions.HostProtocol;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Functions;

/// <summary>The executable started the way the Functions host starts a custom handler: with
/// FUNCTIONS_CUSTOMHANDLER_PORT, polled on GET / until it answers, then invoked on /&lt;function&gt;.</summary>
public sealed class HostProcessTests
{
    [Fact]
    public async Task StartedByTheHost_ListensOnThePort_AnswersReadiness_AndServesTheSlackFunction()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [typeof(ChatOpsApp).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot.Path,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString();
        start.Environment["Slack__SigningSecret"] = SlackRequests.Secret;
        start.Environment["Slack__BotToken"] = SlackRequests.BotToken;
        start.Environment["Ops__Endpoint"] = "http://127.0.0.1:1";
        using var process = Process.Start(start)!;
        // Drain both pipes so a chatty process can never block on a full buffer.
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors) errors.AppendLine(e.Data);
            TestLogs.Add("host-process stderr", e.Data);
        };
        process.OutputDataReceived += (_, e) => TestLogs.Add("host-process stdout", e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilReadyAsync(http, process, errors);

            var body = SlackRequests.AppMention("<@UBOT0001> help", eventId: "EvProc");
            var payload = HttpTriggerData.ToHostPayload(FunctionNames.HttpTrigger, "POST", "https://x/api/slack", SlackRequests.SignedHeaders(body), body);
            var response = await http.PostAsync("slack", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
            var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(200, (int)json["Outputs"]!["res"]!["statusCode"]!);
            Assert.Equal("EvProc", (string?)json["Outputs"]!["message"]!["id"]);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient http, Process process, StringBuilder errors)
    {
        // The host polls about every 25 ms, for up to 30 s by default.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) Assert.Fail("the handler exited: " + errors);
            try
            {
                using var ready = await http.GetAsync("");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(25);
            }
        }
        throw new TimeoutException("the handler never answered GET /");
    }
}
