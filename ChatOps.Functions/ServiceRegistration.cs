using ChatOps.Core.Access;
using ChatOps.Core.Audit;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Limits;
using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Graphs;
using ChatOps.Core.Commands.Help;
using ChatOps.Core.Graphs;
using ChatOps.Core.Commands.Ops;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Grpc;
using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using ChatOps.Core.Worker;
using ChatOps.Functions.Configuration;
using ChatOps.Rendering;
using Microsoft.Extensions.Options;

namespace ChatOps.Functions;

/// <summary>Everything the functions and the command line resolve, registered in one place.</summary>
public static class ServiceRegistration
{
    /// <param name="serving">True for the HTTP modes, which need the Slack secrets; the command line does not.</param>
    /// <param name="queues">host.json's queue settings: the worker's attempt count defaults to them.</param>
    public static IServiceCollection AddChatOpsServices(this IServiceCollection services, bool serving, HostJsonQueues queues)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>>(new SettingsValidation<SlackOptions>(o =>
            SettingsCheck.Slack(o, needsSigningSecret: serving, needsBotToken: serving)));
        services.AddOptions<OpsOptions>().BindConfiguration(OpsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpsOptions>>(new SettingsValidation<OpsOptions>(SettingsCheck.Ops));
        services.AddOptions<WorkerOptions>().Configure(o => o.MaxDequeueCount = queues.MaxDequeueCount).BindConfiguration(WorkerOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>>(new SettingsValidation<WorkerOptions>(SettingsCheck.Worker));
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>>(new SettingsValidation<GraphOptions>(SettingsCheck.Graphs));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GraphOptions>>().Value);
        services.AddGraphRendering();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OpsOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value);
        services.TryAddSingletonTimeProvider();

        services.AddSingleton<ISlackClient>(sp => new SlackApiClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<IOptions<SlackOptions>>().Value));
        services.AddSingleton(sp => new SlackRequestHandler(
            sp.GetRequiredService<IOptions<SlackOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<LimitOptions>()));

        services.AddSingleton<IOpsClient>(sp => new BoundedOpsClient(
            OpsClient(sp.GetRequiredService<OpsOptions>()), sp.GetRequiredService<LimitOptions>().MaxConcurrentOpsCalls));
        services.AddCommands();
        services.AddTrust(serving);
        services.AddSingleton<ReplySender>();
        services.AddSingleton<CommandWorker>();
        services.AddSingleton<PoisonNotifier>();
        return services;
    }

    /// <summary>Access, confirmations, limits, once-only delivery and the audit trail.</summary>
    private static void AddTrust(this IServiceCollection services, bool serving)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AccessOptions>>().Value);
        services.AddOptions<ConfirmationOptions>().BindConfiguration(ConfirmationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConfirmationOptions>>(sp => new SettingsValidation<ConfirmationOptions>(o =>
            SettingsCheck.Confirmations(o, serving, MutatingAllowed(sp.GetRequiredService<IOptions<AccessOptions>>().Value, sp.GetServices<ICommand>()))));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ConfirmationOptions>>().Value);
        services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitOptions>>(new SettingsValidation<LimitOptions>(SettingsCheck.Limits));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<LimitOptions>>().Value);

        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<ConfirmationGate>();
        services.AddSingleton<ClickHandler>();
        services.AddSingleton<RecentDeliveries>();
        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<AuditLog>();
        // The app's own secrets are redacted verbatim from audited arguments, should anyone paste one.
        services.AddSingleton(sp => new ArgumentRedactor(
        [
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.BotToken,
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret,
            sp.GetRequiredService<ConfirmationOptions>().HmacKey,
            sp.GetRequiredService<OpsOptions>().Token,
        ]));
        services.AddSingleton<WorkerServices>();
    }

    private static bool MutatingAllowed(AccessOptions access, IEnumerable<ICommand> commands) =>
        commands.Any(c => c.Info.Mutating && access.Rules.Any(r => r.Names(c.Info)));

    internal static IOpsClient OpsClient(OpsOptions options)
    {
        // Deadlines are per call (Ops__Timeout), so the HttpClient itself never times out.
        var http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        }) { Timeout = Timeout.InfiniteTimeSpan };
        return new OpsGrpcClient(new GrpcUnaryClient(http, new Uri(options.Endpoint!), new GrpcClientSettings()), options);
    }

    /// <summary>The registry's commands, in the order help lists them.</summary>
    private static void AddCommands(this IServiceCollection services)
    {
        services.AddSingleton<ICommand, HelpCommand>();
        services.AddSingleton<ICommand, AlertsCommand>();
        services.AddSingleton<ICommand, DeployedVersionCommand>();
        services.AddSingleton<ICommand, ListTracesCommand>();
        services.AddSingleton<ICommand, ShowTraceCommand>();
        services.AddSingleton<ICommand, ShowLogsCommand>();
        services.AddSingleton<ICommand, ChangeSamplingCommand>();
        services.AddSingleton<ICommand, ListGraphShortcutsCommand>();
        services.AddSingleton<ICommand, GraphCommand>();
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton<CommandDispatcher>();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
