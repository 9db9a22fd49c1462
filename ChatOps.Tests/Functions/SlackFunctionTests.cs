using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Functions;

/// <summary>The `slack` function class called as the isolated worker calls it: an HttpRequest with the exact
/// bytes and headers the host received.</summary>
public sealed class SlackFunctionTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _app = await TestApp.StartAsync(_slack);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task SignedAppMention_EnqueuesExactlyOneEnvelope_AndAnswers200()
    {
        var body = SlackRequests.AppMention($"<@{FakeSlackApi.BotUserId}> help", eventId: "Ev42", ts: "1700000001.000100");

        var call = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, call.Status);
        var message = Assert.IsType<JsonObject>(call.Message);
        Assert.Equal("Ev42", (string?)message["id"]);
        Assert.Equal("Mention", (string?)message["source"]);
        Assert.Equal("help", (string?)message["text"]);
        Assert.Equal("C0CHAN1", (string?)message["channelId"]);
        Assert.Equal("U0USER1", (string?)message["userId"]);
        Assert.Equal("1700000001.000100", (string?)message["threadTs"]);
    }

    public static TheoryData<string, Func<string, Dictionary<string, string[]>>> BadSignatures => new()
    {
        { "signed with another secret", b => SlackRequests.SignedHeaders(b, secret: "some-other-secret") },
        { "timestamp six minutes old", b => SlackRequests.SignedHeaders(b, at: DateTimeOffset.UtcNow.AddMinutes(-6)) },
        { "timestamp six minutes ahead", b => SlackRequests.SignedHeaders(b, at: DateTimeOffset.UtcNow.AddMinutes(6)) },
        { "signature header missing", b => Without(SlackRequests.SignedHeaders(b), "X-Slack-Signature") },
        { "timestamp header missing", b => Without(SlackRequests.SignedHeaders(b), "x-slack-request-timestamp") },
        { "signature of a changed body byte", b => SlackRequests.SignedHeaders(b.Replace("help", "helo")) },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task BadOrMissingSignature_Answers401_AndEnqueuesNothing(string why, Func<string, Dictionary<string, string[]>> headers)
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help");

        var call = await _app.InvokeSlackAsync(body, headers(body));

        Assert.True(call.Status == 401, why);
        Assert.Null(call.Message);
    }

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        var body = """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

        var call = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, call.Status);
        var answer = JsonNode.Parse(call.Body)!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)answer["challenge"]);
        Assert.Null(call.Message);
    }

    public static TheoryData<string, string> IgnoredEvents => new()
    {
        { "a bot's message (bot_id set)", SlackRequests.DirectMessage("help", botId: "B0OTHER") },
        { "the bot's own user", SlackRequests.DirectMessage("help", user: FakeSlackApi.BotUserId) },
        { "an edit", SlackRequests.DirectMessage("help", subtype: "message_changed") },
        { "a channel message that is not a mention", SlackRequests.Callback(new JsonObject
            { ["type"] = "message", ["channel_type"] = "channel", ["user"] = "U1", ["text"] = "help", ["ts"] = "1.2", ["channel"] = "C1" }, "Ev9") },
        { "a reaction", SlackRequests.Callback(new JsonObject { ["type"] = "reaction_added", ["user"] = "U1" }, "Ev10") },
    };

    [Theory]
    [MemberData(nameof(IgnoredEvents))]
    public async Task EventsThatAreNotCommands_Answer200_AndEnqueueNothing(string why, string body)
    {
        var call = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.True(call.Status == 200, why);
        Assert.Null(call.Message);
    }

    [Fact]
    public async Task BodyWithEscapedSlashesAndNonAscii_StillVerifies()
    {
        // Slack escapes "/" as "\/" and sends UTF-8; the signature covers those exact bytes.
        var body = SlackRequests.AppMention("<@UBOT0001> help caf\u00e9 \u65e5\u672c").Replace("help", "help \\/ x");
        Assert.Contains("\\/", body);
        Assert.Contains("caf\u00e9 \u65e5\u672c", body);
        Assert.Contains("<@UBOT0001>", body);

        var call = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, call.Status);
        Assert.Equal("help / x caf\u00e9 \u65e5\u672c", (string?)call.Message!["text"]);
    }

    [Fact]
    public async Task DirectMessage_IsEnqueuedToAnswerInTheDm()
    {
        var body = SlackRequests.DirectMessage("help", eventId: "EvDM");

        var message = (await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, retryNum: 1))).Message!;
        Assert.Equal("DirectMessage", (string?)message["source"]);
        Assert.Equal("D0DM001", (string?)message["channelId"]);
        Assert.Null(message["threadTs"]);
        Assert.Equal(1, (int?)message["retryNum"]);
    }

    [Fact]
    public async Task SlashCommand_AnswersEphemeralWorkingOn_AndEnqueuesWithResponseUrl()
    {
        var body = SlackRequests.SlashCommand("help list traces", "https://hooks.slack.com/commands/T0001/1/abc");

        var call = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));

        Assert.Equal(200, call.Status);
        Assert.Equal("application/json", call.ContentType);
        var ack = JsonNode.Parse(call.Body)!;
        Assert.Equal("ephemeral", (string?)ack["response_type"]);
        Assert.Equal("Working on `/ops help list traces`…", (string?)ack["text"]);
        var message = call.Message!;
        Assert.Equal("SlashCommand", (string?)message["source"]);
        Assert.Equal("help list traces", (string?)message["text"]);
        Assert.Equal("https://hooks.slack.com/commands/T0001/1/abc", (string?)message["responseUrl"]);
    }

    [Fact]
    public async Task SslCheck_IsAnswered_WithoutSignature()
    {
        var call = await _app.InvokeSlackAsync("ssl_check=1&token=x",
            new Dictionary<string, string[]> { ["Content-Type"] = ["application/x-www-form-urlencoded"] });

        Assert.Equal(200, call.Status);
        Assert.Null(call.Message);
    }

    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("""{"type":"event_callback","event_id":"Ev1"}""", "application/json")]
    [InlineData("foo=bar", "application/x-www-form-urlencoded")]
    [InlineData("command=%2Fops&text=help", "application/x-www-form-urlencoded")]
    public async Task SignedButMalformedBody_Answers400_NeverA5xx(string body, string contentType)
    {
        var call = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, contentType));

        Assert.Equal(400, call.Status);
        Assert.Null(call.Message);
    }

    [Fact]
    public async Task ABodyWithAByteOrderMarkAdded_IsNotTheBodySlackSigned_AndIsRefused()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help");
        var headers = SlackRequests.SignedHeaders(body);

        var call = await _app.InvokeSlackAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)], headers);

        Assert.Equal(401, call.Status);
        Assert.Null(call.Message);
    }

    [Fact]
    public async Task TheSameTextInAnotherEncoding_IsRefused()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help caf\u00e9");
        var headers = SlackRequests.SignedHeaders(body);

        var call = await _app.InvokeSlackAsync(Encoding.Unicode.GetBytes(body), headers);

        Assert.Equal(401, call.Status);
        Assert.Null(call.Message);
    }

    [Fact]
    public async Task ASignedBodyThatIsNotUtf8_Is400_NotA5xx()
    {
        byte[] body = [.. "{\"type\":\"url_verification\",\"challenge\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        var headers = SlackRequests.SignedHeaders(body);

        var call = await _app.InvokeSlackAsync(body, headers);

        Assert.Equal(400, call.Status);
        Assert.Contains("not valid UTF-8", call.Body);
    }

    [Fact]
    public async Task ABodyDeclaredOverTheLimit_Is413_BeforeItIsRead()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.ContentLength = 50_000_000;
        http.Request.Body = new UnreadableStream();

        var output = await _app.Services.GetRequiredService<ChatOps.Functions.Functions.SlackFunction>().RunAsync(http.Request);

        Assert.Equal(413, output.Response.StatusCode);
        Assert.Null(output.Message);
    }

    [Fact]
    public async Task ABodyOverTheLimitWithoutALength_Is413_AndIsNotReadToTheEnd()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var endless = new EndlessStream();
        http.Request.Body = endless;

        var output = await _app.Services.GetRequiredService<ChatOps.Functions.Functions.SlackFunction>().RunAsync(http.Request);

        Assert.Equal(413, output.Response.StatusCode);
        Assert.InRange(endless.BytesRead, 131_072, 131_072 + 64 * 1024);
    }

    [Fact]
    public async Task LogLines_NeverContainSecrets()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help");
        var before = TestLogs.All.Count;
        await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));
        await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, secret: "wrong"));

        var logs = string.Join("\n", TestLogs.All.Skip(before));
        Assert.Contains("refused with 401", logs);
        Assert.DoesNotContain(SlackRequests.Secret, logs);
        Assert.DoesNotContain(SlackRequests.BotToken, logs);
    }

    private static Dictionary<string, string[]> Without(Dictionary<string, string[]> headers, string name)
    {
        headers.Remove(name);
        return headers;
    }
}
