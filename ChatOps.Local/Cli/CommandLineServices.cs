using ChatOps.Core.Commands;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOps.Local.Cli;

/// <summary>Services for `ask` and `shell`: the same registrations as the functions, without a web
/// server and without the Slack secrets, which the command line never uses.</summary>
public static class CommandLineServices
{
    /// <summary>Where the local stack runs the Ops service; used when Ops__Endpoint is not set.</summary>
    public const string DefaultOpsEndpoint = "http://127.0.0.1:50051";

    /// <summary>The services, or the settings problems that stop the command line from starting.</summary>
    public static ServiceProvider Build()
    {
        var root = AppRoot.Find(Directory.GetCurrentDirectory());
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Ops:Endpoint", DefaultOpsEndpoint)])
            .AddInMemoryCollection(LocalSettingsFile.Read(Path.Combine(root, LocalSettingsFile.FileName)))
            .AddEnvironmentVariables()
            .Build();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(ShortcutsFile.Read(settings, root))
            .AddConfiguration(settings)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddChatOpsServices(configuration, serving: false, HostJsonQueues.Read(Path.Combine(root, "host.json")));
        var provider = services.BuildServiceProvider();

        // No host runs ValidateOnStart here; resolving the options runs the same checks.
        var problems = StartupSettings.Problems(provider);
        if (problems.Count == 0) return provider;
        provider.Dispose();
        throw new OptionsValidationException("settings", typeof(object), problems);
    }

    public static CommandLineRunner Runner(ServiceProvider services) =>
        new(services.GetRequiredService<CommandDispatcher>(), Console.Out, Console.Error);
}
