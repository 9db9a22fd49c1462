using ChatOps.Core.Commands;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Support;

/// <summary>The app's real command registrations, configured for a test, without a web server.</summary>
public static class CommandServices
{
    public static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddChatOpsServices(configuration, serving: false, HostJsonQueues.Defaults)
            .BuildServiceProvider();
    }

    public static Task<CommandOutcome> RunAsync(this ServiceProvider services, string text)
    {
        var dispatcher = services.GetRequiredService<CommandDispatcher>();
        return dispatcher.RunAsync(text, new CommandContext("cmd-1", "U0ALICE", "C0INCIDENT", "T0001", dispatcher.Registry));
    }
}
