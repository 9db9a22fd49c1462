using ChatOps.Core.Commands;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Commands;

/// <summary>A lint over the commands the app really registers: every one carries its help and an
/// example that selects it, so help cannot drift from the commands.</summary>
public sealed class RegisteredCommandsLintTests
{
    private static IReadOnlyList<ICommand> Registered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Ops:Endpoint", "http://127.0.0.1:1")]).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddChatOpsServices(configuration, serving: false, HostJsonQueues.Defaults);
        return services.BuildServiceProvider().GetRequiredService<CommandRegistry>().All;
    }

    [Fact]
    public void EveryRegisteredCommand_HasASummaryAndExamplesThatSelectIt()
    {
        var commands = Registered();
        var registry = new CommandRegistry(commands);

        Assert.Contains(commands, c => c.Info.Name == "help");
        foreach (var info in commands.Select(c => c.Info))
        {
            Assert.False(string.IsNullOrWhiteSpace(info.Summary), $"{info.Name} has no summary");
            Assert.NotEmpty(info.Examples);
            Assert.Equal(info.Name.ToLowerInvariant(), info.Name);
            Assert.All(info.Examples, e => Assert.Equal(info.Name, registry.Match(e)?.Command.Info.Name));
        }
    }
}
