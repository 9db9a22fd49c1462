using System.Text.Json.Nodes;
using ChatOps.Functions;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Functions;

/// <summary>The `slack` function driven with the host's exact HTTP trigger payload.</summary>
public sealed class SlackFunctionTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        _app = await TestApp.StartAsync(AppMode.Host, _slack);
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

        var (status, response) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, status);
        Assert.Equal(200, HttpStatus(response));
        var message = Assert.IsType<JsonObject>(response["Outputs"]!["message"]);
        Assert.Equal("Ev42", (string?)message["id"]);
        Assert.Equal("Mention", (string?)message["source"]);
        Assert.Equal("help", (string?)message["text"]);
        Assert.Equal("C0CHAN1", (string?)message["channelId"]);
        Assert.Equal("U0USER1", (string?)message["userId"]);
        Assert.Equal("1700000001.000100", (string?)message["threadTs"]);
        Assert.IsType<JsonArray>(response["Logs"]);
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

        var (status, response) = await _app.InvokeSlackAsync(body, headers(body));

        Assert.True(status == 200, why);
        Assert.Equal(401, HttpStatus(response));
        Assert.Null(response["Outputs"]!["message"]);
    }

    [Fact]
    public async Task UrlVerification_EchoesTheChallenge()
    {
        var body = """{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

        var (_, response) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, HttpStatus(response));
        var answer = JsonNode.Parse((string)response["Outputs"]!["res"]!["body"]!)!;
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", (string?)answer["challenge"]);
        Assert.Null(response["Outputs"]!["message"]);
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
        var (_, response) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.True(HttpStatus(response) == 200, why);
        Assert.Null(response["Outputs"]!["message"]);
    }

    [Fact]
    public async Task BodyWithEscapedSlashesAndNonAscii_StillVerifies()
    {
        // Slack escapes "/" as "\/" and sends UTF-8; the signature covers those exact bytes.
        var body = SlackRequests.AppMention("<@UBOT0001> help caf\u00e9 \u65e5\u672c").Replace("help", "help \\/ x");
        Assert.Contains("\\/", body);
        Assert.Contains("caf\u00e9 \u65e5\u672c", body);
        Assert.Contains("<@UBOT0001>", body);

        var (_, response) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));

        Assert.Equal(200, HttpStatus(response));
        Assert.Equal("help / x caf\u00e9 \u65e5\u672c", (string?)response["Outputs"]!["message"]!["text"]);
    }

    [Fact]
    public async Task DirectMessage_IsEnqueuedToAnswerInTheDm()
    {
        var body = SlackRequests.DirectMessage("help", eventId: "EvDM");

        var (_, response) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, retryNum: 1));

        var message = response["Outputs"]!["message"]!;
        Assert.Equal("DirectMessage", (string?)message["source"]);
        Assert.Equal("D0DM001", (string?)message["channelId"]);
        Assert.Null(message["threadTs"]);
        Assert.Equal(1, (int?)message["retryNum"]);
    }

    [Fact]
    public async Task SlashCommand_AnswersEphemeralWorkingOn_AndEnqueuesWithResponseUrl()
    {
        var body = SlackRequests.SlashCommand("help list traces", "https://hooks.slack.com/commands/T0001/1/abc");

        var (_, response) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, "application/x-www-form-urlencoded"));

        var res = response["Outputs"]!["res"]!;
        Assert.Equal(200, (int)res["statusCode"]!);
        Assert.Equal("application/json", (string?)res["headers"]!["Content-Type"]);
        var ack = JsonNode.Parse((string)res["body"]!)!;
        Assert.Equal("ephemeral", (string?)ack["response_type"]);
        Assert.Equal("Working on `/ops help list traces`…", (string?)ack["text"]);
        var message = response["Outputs"]!["message"]!;
        Assert.Equal("SlashCommand", (string?)message["source"]);
        Assert.Equal("help list traces", (string?)message["text"]);
        Assert.Equal("https://hooks.slack.com/commands/T0001/1/abc", (string?)message["responseUrl"]);
    }

    [Fact]
    public async Task SslCheck_IsAnswered_WithoutSignature()
    {
        var (_, response) = await _app.InvokeSlackAsync("ssl_check=1&token=x",
            new Dictionary<string, string[]> { ["Content-Type"] = ["application/x-www-form-urlencoded"] });

        Assert.Equal(200, HttpStatus(response));
        Assert.Null(response["Outputs"]!["message"]);
    }

    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("[1,2,3]", "application/json")]
    [InlineData("""{"type":"event_callback","event_id":"Ev1"}""", "application/json")]
    [InlineData("foo=bar", "application/x-www-form-urlencoded")]
    [InlineData("command=%2Fops&text=help", "application/x-www-form-urlencoded")]
    public async Task SignedButMalformedBody_Answers400_NeverA5xx(string body, string contentType)
    {
        var (status, response) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, contentType));

        Assert.Equal(200, status);
        Assert.Equal(400, HttpStatus(response));
        Assert.Null(response["Outputs"]!["message"]);
    }

    [Fact]
    public async Task MalformedInvocationPayload_Answers400_NotA5xx()
    {
        var (status, response) = await _app.InvokeAsync("slack", new JsonObject { ["Data"] = new JsonObject() });

        Assert.Equal(200, status);
        Assert.Equal(400, HttpStatus(response));
    }

    [Fact]
    public async Task LogsReturnedToTheHost_NeverContainTheFunctionKeyOrSecrets()
    {
        var body = SlackRequests.AppMention("<@UBOT0001> help");
        var (_, ok) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body));
        var (_, refused) = await _app.InvokeSlackAsync(body, SlackRequests.SignedHeaders(body, secret: "wrong"));

        var logs = ok["Logs"]!.ToJsonString() + refused["Logs"]!.ToJsonString();
        Assert.NotEqual("[][]", logs);
        Assert.DoesNotContain("function-key-secret", logs);
        Assert.DoesNotContain(SlackRequests.Secret, logs);
        Assert.DoesNotContain(SlackRequests.BotToken, logs);
    }

    private static int HttpStatus(JsonObject response) => (int)response["Outputs"]!["res"]!["statusCode"]!;

    private static Dictionary<string, string[]> Without(Dictionary<string, string[]> headers, string name)
    {
        headers.Remove(name);
        return headers;
    }
}
