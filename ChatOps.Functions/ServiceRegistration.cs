using ChatOps.Core.Access;
using ChatOps.Core.Alerts;
using ChatOps.Core.Audit;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Limits;
using ChatOps.Core.OnCall;
using ChatOps.Core.Commands;
using ChatOps.Core.Commands.Graphs;
using ChatOps.Core.Commands.Help;
using ChatOps.Core.Commands.Silences;
using ChatOps.Core.Graphs;
using ChatOps.Core.Commands.Ops;
using ChatOps.Core.Ops;
using ChatOps.Core.Options;
using ChatOps.Core.Slack;
using ChatOps.Core.Worker;
using ChatOps.Core.Delivery;
using ChatOps.Functions.Configuration;
using ChatOps.Functions.Functions;
using ChatOps.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ChatOps.Functions.Ops;
using ChatOps.Rendering;
using Microsoft.Extensions.Options;

namespace ChatOps.Functions;

/// <summary>Everything the functions, the local host and the command line resolve, registered in one place.</summary>
public static class ServiceRegistration
{
    /// <param name="serving">True for the HTTP modes, which need the Slack secrets; the command line does not.</param>
    /// <param name="queues">host.json's queue settings: the worker's attempt count defaults to them.</param>
    public static IServiceCollection AddChatOpsServices(this IServiceCollection services, IConfiguration configuration, bool serving, HostJsonQueues queues)
    {
        services.AddSingleton(queues);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>>(new SettingsValidation<SlackOptions>(o =>
            SettingsCheck.Slack(o, needsSigningSecret: serving, needsBotToken: serving)));
        services.AddOptions<OpsOptions>().BindConfiguration(OpsOptions.Section).ValidateOnStart();
        // Ops__* alone, or Environments__*: one check for both forms (and for both at once, which is refused).
        services.AddSingleton<IValidateOptions<OpsOptions>>(new SettingsValidation<OpsOptions>(o => EnvironmentSettings.Problems(configuration, o)));
        services.AddSingleton(sp => EnvironmentSettings.Catalog(configuration, sp.GetRequiredService<IOptions<OpsOptions>>().Value));
        services.AddOptions<WorkerOptions>().Configure(o => o.MaxDequeueCount = queues.MaxDequeueCount).BindConfiguration(WorkerOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>>(new SettingsValidation<WorkerOptions>(SettingsCheck.Worker));
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>>(new SettingsValidation<GraphOptions>(SettingsCheck.Graphs));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<GraphOptions>>().Value);
        services.AddGraphRendering();
        // The default environment's settings, for what has not learnt about environments.
        services.AddSingleton(sp => sp.GetRequiredService<ChatOps.Core.Environments.EnvironmentCatalog>().Default.Ops);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkerOptions>>().Value);
        services.TryAddSingletonTimeProvider();

        // Through the factory, so tests and hosts can swap the handler. The client is kept for the life of the
        // process, so the handler recycles its own connections (DNS changes) instead of the factory rotating it.
        services.AddHttpClient(nameof(SlackApiClient), http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<ISlackClient>(sp => new SlackApiClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SlackApiClient)),
            sp.GetRequiredService<IOptions<SlackOptions>>().Value,
            pacer: new ChannelPacer(sp.GetRequiredService<IOptions<SlackOptions>>().Value.ChannelPace, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton(sp => new SlackRequestHandler(
            sp.GetRequiredService<IOptions<SlackOptions>>().Value, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<LimitOptions>(),
            sp.GetRequiredService<ChatOps.Core.Environments.EnvironmentCatalog>()));

        services.AddOpsGrpcClient().AddSingleton<IEnvironmentOpsClients>(sp => new EnvironmentOpsClients(
            sp.GetRequiredService<ChatOps.Core.Environments.EnvironmentCatalog>(), sp.GetRequiredService<OpsGrpcClient>,
            () => sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(OpsChannel.HttpClientName)));
        services.AddSingleton<IOpsClient>(sp => new BoundedOpsClient(new EnvironmentRoutedOpsClient(
            sp.GetRequiredService<IEnvironmentOpsClients>(), sp.GetRequiredService<ChatOps.Core.Environments.EnvironmentCatalog>()),
            sp.GetRequiredService<LimitOptions>().MaxConcurrentOpsCalls));
        services.AddCommands();
        services.AddTrust(serving);
        services.AddSingleton<ReplySender>();
        services.AddSingleton<CommandWorker>();
        services.AddQueuedWork();
        services.AddSingleton<PoisonNotifier>();
        services.AddStorage(configuration);
        services.AddTransient<SlackFunction>();
        services.AddTransient<WorkerFunction>();
        services.AddTransient<PoisonFunction>();
        services.AddAlerts();
        services.AddOnCall();
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
        services.AddSingleton<UserRateLimiter>();
        services.AddSingleton<AuditLog>();
        // The app's own secrets are redacted verbatim from audited arguments, should anyone paste one.
        services.AddSingleton(sp => new ArgumentRedactor(
        [
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.BotToken,
            sp.GetRequiredService<IOptions<SlackOptions>>().Value.SigningSecret,
            sp.GetRequiredService<ConfirmationOptions>().HmacKey,
            sp.GetRequiredService<OpsOptions>().Token,
            sp.GetRequiredService<AlertsOptions>().WebhookToken,
            .. sp.GetRequiredService<ChatOps.Core.Environments.EnvironmentCatalog>().All.Select(e => e.Ops.Token),
        ]));
        services.AddSingleton<WorkerServices>();
    }

    /// <summary>The storage account of the bindings, for what the app writes itself: the delivery claims.
    /// Resolved on first use only, so `ask` and `shell` need no storage at all.</summary>
    private static void AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new StorageAccount(configuration));
        services.AddOptions<DedupeOptions>().BindConfiguration(DedupeOptions.Section);
        services.AddSingleton<IDeliveryClaims>(sp => new BlobDeliveryClaims(
            sp.GetRequiredService<StorageAccount>().Blobs().GetBlobContainerClient(sp.GetRequiredService<IOptions<DedupeOptions>>().Value.Container),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<BlobDeliveryClaims>>()));
        services.AddSingleton<IReplyDeferrals>(sp =>
        {
            var account = sp.GetRequiredService<StorageAccount>();
            var dedupe = sp.GetRequiredService<IOptions<DedupeOptions>>().Value;
            return new StorageReplyDeferrals(account.Blobs().GetBlobContainerClient(dedupe.Container), account.Queues().GetQueueClient(dedupe.ReplyQueue));
        });
        // Follow-ups of deployments, on the same queue as deferred replies.
        services.AddSingleton<IFollowUps>(sp => new StorageFollowUps(() =>
            sp.GetRequiredService<StorageAccount>().Queues().GetQueueClient(sp.GetRequiredService<IOptions<DedupeOptions>>().Value.ReplyQueue)));
        services.AddSingleton<DeploymentFollower>();
        services.AddSingleton<ProfileCollector>();
    }

    /// <summary>The table of queued work: one handler per envelope kind (the table checks there is exactly one).</summary>
    private static void AddQueuedWork(this IServiceCollection services)
    {
        services.AddSingleton<WorkerAnswers>();
        services.AddSingleton<IQueuedWork, CommandWork>();
        services.AddSingleton<IQueuedWork, ClickWork>();
        services.AddSingleton<IQueuedWork, AlertClickWork>();
        services.AddSingleton<IQueuedWork, AlertNotificationWork>();
        services.AddSingleton<IQueuedWork>(sp => sp.GetRequiredService<DeploymentFollower>());
        services.AddSingleton<IQueuedWork>(sp => sp.GetRequiredService<ProfileCollector>());
        services.AddSingleton<IQueuedWork, DeferredReplyWork>();
        services.AddSingleton<QueuedWorkTable>();
    }

    /// <summary>The Alertmanager receiver: its settings (checked at start), routing, the message store and poster.</summary>
    private static void AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>>(new SettingsValidation<AlertsOptions>(AlertsSettingsCheck.Problems));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlertsOptions>>().Value);
        services.AddSingleton<AlertRouter>();
        services.AddSingleton<AlertWebhook>();
        services.AddSingleton<IAlertMessages>(sp => new BlobAlertMessages(() => sp.GetRequiredService<StorageAccount>().Blobs()
            .GetBlobContainerClient(sp.GetRequiredService<IOptions<DedupeOptions>>().Value.Container)));
        services.AddSingleton<AlertGraph>();
        services.AddSingleton<AlertPoster>();
        services.AddSingleton<AlertClickHandler>();
        services.AddSingleton<AlertRecordSweep>();
        services.AddHostedService<AlertRecordSweeper>();
        services.AddTransient<AlertmanagerFunction>();
    }

    /// <summary>On-call schedules (checked at start, with the alert routes that name them), overrides, paging.</summary>
    private static void AddOnCall(this IServiceCollection services)
    {
        services.AddOptions<OnCallOptions>().BindConfiguration(OnCallOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OnCallOptions>>(sp => new SettingsValidation<OnCallOptions>(o =>
            [.. OnCallSettingsCheck.Problems(o), .. OnCallSettingsCheck.RouteProblems(sp.GetRequiredService<AlertsOptions>(), o)]));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<OnCallOptions>>().Value);
        services.AddSingleton<OnCallSchedules>();
        services.AddSingleton<IOnCallOverrides>(sp => new BlobOnCallOverrides(() => sp.GetRequiredService<StorageAccount>().Blobs()
            .GetBlobContainerClient(sp.GetRequiredService<OnCallOptions>().Container), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<OnCallRoster>();
        services.AddSingleton<OnCallPager>();
        services.AddSingleton<EscalationSteps>();
        services.AddSingleton<IQueuedWork, AlertEscalationWork>();
    }

    private static bool MutatingAllowed(AccessOptions access, IEnumerable<ICommand> commands) =>
        commands.Any(c => c.Info.Mutating && access.Rules.Any(r => r.Names(c.Info)));

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
        // Alertmanager silences.
        services.AddSingleton<ICommand, SilencesCommand>();
        services.AddSingleton<ICommand, SilenceCommand>();
        services.AddSingleton<ICommand, UnsilenceCommand>();
        // Deployments.
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Deploy.DeployCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Deploy.RollbackCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Deploy.DeploymentsCommand>();
        // Profiles.
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Profiles.ProfileCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Config.ConfigTargetsCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Config.ConfigShowCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Config.ConfigHistoryCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Config.ConfigPushCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.Config.ConfigRollbackCommand>();
        // On call.
        services.AddSingleton<ICommand, ChatOps.Core.Commands.OnCall.OnCallCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.OnCall.OnCallOverridesCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.OnCall.OnCallOverrideCommand>();
        services.AddSingleton<ICommand, ChatOps.Core.Commands.OnCall.OnCallSwapCommand>();
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton<CommandDispatcher>();
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
