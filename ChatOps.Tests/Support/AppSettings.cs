using ChatOps.Functions;

namespace ChatOps.Tests.Support;

/// <summary>The settings every test app starts from: the fake Slack, the test secrets, an Ops endpoint that
/// refuses (a test that needs Ops swaps the seam), and the Azurite it keeps its storage in.</summary>
public static class AppSettings
{
    public static Dictionary<string, string?> For(FakeSlackApi slack, Azurite azurite) => new()
    {
        ["Slack:SigningSecret"] = SlackRequests.Secret,
        ["Slack:BotToken"] = SlackRequests.BotToken,
        ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
        ["Confirmations:HmacKey"] = SlackRequests.HmacKey,
        ["Ops:Endpoint"] = "http://127.0.0.1:1",
        // Pacing is tested on its own; here it would only make every test slower.
        ["Slack:ChannelPace"] = "00:00:00",
        [FunctionNames.StorageConnection] = azurite.ConnectionString,
    };
}
