using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Help;
using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using ChatOps.Core.Worker;
using ChatOps.Functions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatOps.Functions;

/// <summary>Everything the functions and the command line resolve, registered in one place.</summary>
public static class ServiceRegistration
{
    /// <param name="serving">True for the HTTP modes, which need the Slack secrets; the command line does not.</param>
    public static IServiceCollection AddChatOpsServices(this IServiceCollection services, bool serving)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>>(new SlackSettingsValidation(serving));
        services.AddOptions<OpsOptions>().BindConfiguration(OpsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpsOptions>, OpsSettingsValidation>();
        services.TryAddSingletonTimeProvider();

        services.AddSingleton<ISlackClient>(sp => new SlackApiClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<IOptions<SlackOptions>>().Value));
        services.AddSingleton(sp => new SlackRequestHandler(
            sp.GetRequiredService<IOptions<SlackOptions>>().Value, sp.GetRequiredService<TimeProvider>()));

        services.AddCommands();
        services.AddSingleton<ReplySender>();
        services.AddSingleton<CommandWorker>();
        services.AddSingleton<PoisonNotifier>();
        return services;
    }

    /// <summary>The registry's commands, in the order help lists them.</summary>
    private static void AddCommands(this IServiceCollection services)
    {
        services.AddSingleton<ICommand, HelpCommand>();
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton<CommandDispatcher>();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
