using ChatOps.Local.Serve;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Functions;

/// <summary>ASP.NET Core's per-request lines are off by default in the local host (they cost more than the
/// ack, see bench/run); the app's own lines stay on, and a setting brings the framework's back.</summary>
public sealed class LoggingDefaultsTests
{
    [Fact]
    public async Task FrameworkRequestLines_AreOffByDefault_OurOwnStayOn()
    {
        await using var app = LocalServer.Build(["--LocalSettings:Disabled=true", "--urls=http://127.0.0.1:0"]);
        var logs = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.True(logs.CreateLogger("ChatOps.Functions.Functions.SlackFunction").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task ASetting_BringsTheFrameworkLinesBack()
    {
        await using var app = LocalServer.Build(
            ["--LocalSettings:Disabled=true", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Microsoft.AspNetCore=Information"]);
        var logs = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(logs.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }
}
