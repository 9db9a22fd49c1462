using System.Collections.Concurrent;
using System.Text;
using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOps.Tests.Slack;

/// <summary>Downloading a shared file: the bot token goes to Slack's file host and nowhere else.</summary>
public sealed class SlackFileDownloadTests : IAsyncLifetime
{
    private FakeSlackApi _slack = null!;
    private WebApplication _elsewhere = null!;
    private string _elsewhereUrl = "";
    private readonly ConcurrentQueue<string> _elsewhereAuthorizations = new();
    private SlackApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlackApi.StartAsync();
        (_elsewhere, _elsewhereUrl) = await LoopbackSite.StartAsync(app => app.MapGet("/{**path}", (HttpRequest request) =>
        {
            _elsewhereAuthorizations.Enqueue(request.Headers.Authorization.ToString());
            return Results.Text("groups: []\n");
        }));
        _client = new SlackApiClient(new HttpClient(),
            new SlackOptions { BotToken = SlackRequests.BotToken, ApiBaseUrl = _slack.ApiBaseUrl, FileHostUrl = _slack.BaseUrl });
    }

    public async Task DisposeAsync()
    {
        await _slack.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task FileOnSlacksFileHost_IsFetchedWithTheBotToken()
    {
        _slack.Files["F0RULES"] = new SharedFile("rules.yml", Encoding.UTF8.GetBytes("groups: []\n"));
        var file = await _client.FileInfoAsync("F0RULES");
        var download = await _client.DownloadFileAsync(file, 1000);

        Assert.Equal("groups: []\n", Encoding.UTF8.GetString(download.Content!));
        Assert.Equal("Bearer " + SlackRequests.BotToken, Assert.Single(_slack.CallsTo("file download")).Authorization);
    }

    [Theory]
    [InlineData("{elsewhere}/files/F0RULES/rules.yml")]
    [InlineData("http://localhost:{slackport}/files/F0RULES/rules.yml")]
    [InlineData("http://user@127.0.0.1:{slackport}/files/F0RULES/rules.yml")]
    [InlineData("not a url")]
    public async Task FileWhoseDownloadUrlIsNotSlacksFileHost_IsNotFetched_AndNoTokenLeaves(string url)
    {
        url = url.Replace("{elsewhere}", _elsewhereUrl).Replace("{slackport}", new Uri(_slack.BaseUrl).Port.ToString());
        _slack.Files["F0RULES"] = new SharedFile("rules.yml", Encoding.UTF8.GetBytes("groups: []\n"), DownloadUrl: url);
        var download = await _client.DownloadFileAsync(await _client.FileInfoAsync("F0RULES"), 1000);

        Assert.Equal("the file's download address is not Slack's file host, so it was not fetched", download.Problem);
        Assert.Empty(_slack.CallsTo("file download"));
        Assert.Empty(_elsewhereAuthorizations);
    }

    [Fact]
    public async Task SlacksFileHostRedirectingElsewhere_DoesNotCarryTheTokenThere()
    {
        _slack.Files["F0RULES"] = new SharedFile("rules.yml", Encoding.UTF8.GetBytes("groups: []\n"), RedirectTo: _elsewhereUrl + "/signin");
        var download = await _client.DownloadFileAsync(await _client.FileInfoAsync("F0RULES"), 1000);

        Assert.Null(download.Content);
        Assert.Equal("Slack sent a page instead of the file; the app may lack the files:read scope", download.Problem);
        Assert.Equal("Bearer " + SlackRequests.BotToken, Assert.Single(_slack.CallsTo("file download")).Authorization);
        Assert.Equal([""], _elsewhereAuthorizations);
    }

    [Fact]
    public async Task FileOverTheLimit_IsRefusedBeforeItIsFetched()
    {
        _slack.Files["F0BIG"] = new SharedFile("big.yml", new byte[2000]);
        var download = await _client.DownloadFileAsync(await _client.FileInfoAsync("F0BIG"), 1000);
        Assert.Equal("the file is 2,000 bytes; at most 1,000 are taken", download.Problem);
        Assert.Empty(_slack.CallsTo("file download"));
    }

    [Fact]
    public async Task FileLargerThanSlackSaid_IsCutOffAtTheLimit()
    {
        _slack.Files["F0BIG"] = new SharedFile("big.yml", new byte[200_000], ReportedSize: 10);
        var download = await _client.DownloadFileAsync(await _client.FileInfoAsync("F0BIG"), 1000);
        Assert.Equal("the file is over 1,000 bytes, the most that is taken", download.Problem);
    }

    [Fact]
    public async Task FileInfoOfAFileThatDoesNotExist_IsSlacksError() =>
        Assert.Equal("file_not_found", (await Assert.ThrowsAsync<SlackApiException>(() => _client.FileInfoAsync("F0NONE"))).Error);
}
