using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Support;

/// <summary>A small web app on a free loopback port, for the stand-ins the tests serve (Slack, Jaeger, pages to screenshot).</summary>
public static class LoopbackSite
{
    /// <returns>The started app and its base URL (no trailing slash).</returns>
    public static async Task<(WebApplication App, string Url)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Urls.First().TrimEnd('/'));
    }
}
