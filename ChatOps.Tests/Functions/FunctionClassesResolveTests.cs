using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using ChatOps.Functions.Functions;
using ChatOps.Local.Serve;
using ChatOps.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Functions;

/// <summary>One registration serves both hosts: every function class resolves from the isolated worker's
/// services (AddChatOpsServices, as Program builds them) and from the local host's.</summary>
public sealed class FunctionClassesResolveTests
{
    public static TheoryData<Type> FunctionClasses => new() { typeof(SlackFunction), typeof(WorkerFunction), typeof(PoisonFunction) };

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public async Task EveryFunctionClass_ResolvesFromTheWorkersServices(Type function)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(AppSettings.For(slack, await Azurite.SharedAsync())).Build();
        await using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddChatOpsServices(configuration, serving: true, HostJsonQueues.Defaults)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(services.GetRequiredService(function));
    }

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public async Task EveryFunctionClass_ResolvesFromTheLocalHostsServices(Type function)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        var settings = AppSettings.For(slack, await Azurite.SharedAsync());
        await using var app = LocalServer.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}"), "--LocalSettings:Disabled=true", "--urls=http://127.0.0.1:0"]);

        Assert.NotNull(app.Services.GetRequiredService(function));
    }
}
