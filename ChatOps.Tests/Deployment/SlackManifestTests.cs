using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChatOps.Tests.Deployment;

/// <summary>slack/manifest.yml: an HTTP app whose one request URL is the slack function's route, with
/// exactly the scopes the code needs.</summary>
public sealed class SlackManifestTests
{
    private static readonly YamlMappingNode Manifest = DeploymentFiles.Yaml("slack", "manifest.yml");
    private static YamlMappingNode Settings => Manifest.Map("settings");

    // Which bot scope each Web API method the client calls needs (Slack's method reference).
    private static readonly Dictionary<string, string?> ScopeOf = new()
    {
        ["auth.test"] = null,
        ["chat.postMessage"] = "chat:write",
        ["chat.postEphemeral"] = "chat:write",
        ["chat.update"] = "chat:write",
        ["files.getUploadURLExternal"] = "files:write",
        ["files.completeUploadExternal"] = "files:write",
        ["usergroups.users.list"] = "usergroups:read",
        ["files.info"] = "files:read",
    };

    private static IReadOnlyList<string> Scopes => Manifest.Map("oauth_config").Map("scopes").Strings("bot");

    [Fact]
    public void EveryRequestUrl_IsTheSlackFunctionsRoute()
    {
        var urls = new[]
        {
            Settings.Map("event_subscriptions").Str("request_url"),
            Settings.Map("interactivity").Str("request_url"),
        }.Concat(Manifest.Map("features").Seq("slash_commands").Select(c => c.Str("url"))).ToList();

        // host.json's routePrefix + the slack function's route.
        var path = $"/{(string)DeploymentFiles.HostJson()["extensions"]!["http"]!["routePrefix"]!}/{FunctionAppContract.SlackRoute}";
        Assert.Equal("/api/slack", path);
        Assert.Equal(3, urls.Count);
        Assert.All(urls, url =>
        {
            Assert.StartsWith("https://", url);
            Assert.EndsWith(path, url);
        });
        Assert.Single(urls.Distinct());
    }

    [Fact]
    public void IsAnHttpApp_WithTheOpsCommand_InteractivityAndDms()
    {
        Assert.Equal("false", Settings.Str("socket_mode_enabled"));
        Assert.Equal("true", Settings.Map("interactivity").Str("is_enabled"));
        Assert.Equal(["app_mention", "message.im"], Settings.Map("event_subscriptions").Strings("bot_events"));
        var command = Assert.Single(Manifest.Map("features").Seq("slash_commands"));
        Assert.Equal("/ops", command.Str("command"));
        Assert.Equal("true", Manifest.Map("features").Map("app_home").Str("messages_tab_enabled"));
    }

    [Fact]
    public void BotScopes_AreTheMinimalSet()
    {
        Assert.Equal(
            new[] { "app_mentions:read", "chat:write", "commands", "files:read", "files:write", "im:history", "usergroups:read" }.Order(),
            Scopes.Order());
    }

    [Fact]
    public void BotScopes_CoverEveryWebApiMethodTheClientCalls()
    {
        // The client is one class in several files (SlackApiClient.cs, SlackApiClient.Files.cs).
        var source = string.Concat(new[] { "SlackApiClient.cs", "SlackApiClient.Files.cs" }.Select(f => DeploymentFiles.Text("ChatOps.Core", "Slack", f)));
        var methods = Regex.Matches(source, "\"([a-z]+\\.[A-Za-z.]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("usergroups.users.list", methods);
        Assert.Contains("files.info", methods);
        foreach (var method in methods)
        {
            Assert.True(ScopeOf.TryGetValue(method, out var scope), $"SlackApiClient calls {method}: add its scope here and to slack/manifest.yml");
            if (scope is not null) Assert.Contains(scope, Scopes);
        }
    }
}
