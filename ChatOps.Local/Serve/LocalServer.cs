using Azure.Storage.Queues;
using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using ChatOps.Functions.Storage;
using Microsoft.Extensions.Configuration.Memory;

namespace ChatOps.Local.Serve;

/// <summary>
/// `serve`: the function classes in process behind Kestrel, with their queues and dedupe blobs in the
/// storage account of AzureWebJobsStorage (Azurite by default). Only /api/slack, /api/alertmanager and /api/health are routed;
/// nothing else is reachable, whoever asks.
/// </summary>
public static class LocalServer
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // No file watching: nothing reloads settings, and watching costs an inotify watch per folder (bench/run).
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        var root = AppRoot.Find(Directory.GetCurrentDirectory());
        var settings = builder.Configuration;
        // Lowest priority first: defaults, then local.settings.json; the environment and the command line win.
        if (settings["LocalSettings:Disabled"] != "true")
            settings.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LocalSettingsFile.Read(Path.Combine(root, LocalSettingsFile.FileName)) });
        settings.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData =
            [
                new(FunctionNames.StorageConnection, "UseDevelopmentStorage=true"),
                // ASP.NET Core's own per-request Information lines cost more than the ack itself (bench/run).
                new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
            ],
        });
        ShortcutsFile.AddBeneath(settings, root);
        if (string.IsNullOrEmpty(settings["urls"])) builder.WebHost.UseUrls(DefaultUrl);

        var queues = HostJsonQueues.Read(Path.Combine(root, "host.json"));
        builder.Services.AddChatOpsServices(settings, serving: true, queues);
        builder.Services.AddOptions<LocalQueueOptions>().BindConfiguration(LocalQueueOptions.Section);
        builder.Services.AddSingleton<QueueServiceClient>(sp => sp.GetRequiredService<StorageAccount>().Queues());
        builder.Services.AddHostedService<LocalQueueService>();
        // Refused while Kestrel reads it, before a byte is buffered; each function checks its own limit below this one
        // (Alertmanager's notifications may be far larger than anything Slack sends).
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(settings.GetValue("Limits:MaxBodyBytes", 131_072L),
            settings.GetValue("Alerts:MaxBodyBytes", (long)new ChatOps.Core.Alerts.AlertsOptions().MaxBodyBytes)));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapLocalHttpFunctions();
        return app;
    }
}
