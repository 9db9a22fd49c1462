using ChatOps.Functions.Configuration;
using ChatOps.Functions.Functions;
using ChatOps.Functions.HostProtocol;
using ChatOps.Functions.Local;

namespace ChatOps.Functions;

/// <summary>The web application in either mode; Program and the tests build it the same way.</summary>
public static class ChatOpsApp
{
    public const string DefaultLocalUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, AppMode mode, Action<WebApplicationBuilder>? configure = null)
    {
        // No file watching: nothing reloads settings (the host restarts the handler when they change), and
        // watching the content root costs an inotify watch per folder under it at every cold start (bench/run).
        // A later --hostBuilder:reloadConfigOnChange in args still wins.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        var root = AppRoot.Find(Directory.GetCurrentDirectory());
        if (mode == AppMode.Local && builder.Configuration["LocalSettings:Disabled"] != "true")
        {
            // Lowest priority: environment variables and the command line still win.
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
            {
                InitialData = LocalSettingsFile.Read(Path.Combine(root, LocalSettingsFile.FileName)),
            });
        }

        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = ShortcutsFile.Read(builder.Configuration, root),
        });
        // Lowest of all: ASP.NET Core's own per-request Information lines (five per invocation) cost
        // more than the ack itself (bench/run); our own lines keep Information. Settings can override it.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")],
        });
        builder.Logging.AddProvider(new InvocationLogProvider());
        builder.Services.AddChatOpsServices(serving: true, HostJsonQueues.Read(Path.Combine(root, "host.json")));
        builder.Services.AddHttpClient(nameof(FunctionInvoker));
        if (mode == AppMode.Host)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{HostPort(builder.Configuration)}");
        }
        else
        {
            if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultLocalUrl);
            var queues = HostJsonQueues.Read(Path.Combine(root, "host.json"));
            builder.Services.AddOptions<LocalQueueOptions>()
                .Configure(o => o.VisibilityTimeout = queues.VisibilityTimeout)
                .BindConfiguration(LocalQueueOptions.Section);
            builder.Services.AddSingleton<LocalQueues>();
            builder.Services.AddSingleton<LocalBlobs>();
            builder.Services.AddSingleton<FunctionInvoker>();
            builder.Services.AddHostedService<LocalQueuePump>();
        }
        configure?.Invoke(builder);

        var app = builder.Build();
        // The host polls GET / until it answers before sending invocations.
        app.MapGet("/", () => Results.Text("ChatOps custom handler is ready"));
        app.MapSlackFunction();
        app.MapWorkerFunctions();
        if (mode == AppMode.Local)
        {
            app.MapLocalSlackEndpoint();
            // Only the host may invoke functions; in local mode the "host" is this process, over loopback.
            // A tunnel to /api/slack must not also expose /worker, which trusts its payload.
            app.Use(async (http, next) =>
            {
                var isFunction = http.Request.Path.StartsWithSegments("/" + FunctionNames.Worker) ||
                                 http.Request.Path.StartsWithSegments("/" + FunctionNames.Poison) ||
                                 http.Request.Path.StartsWithSegments("/" + FunctionNames.Slack);
                var forwarded = http.Request.Headers.ContainsKey("X-Forwarded-For");
                if (isFunction && (forwarded || http.Connection.RemoteIpAddress is not { } ip || !System.Net.IPAddress.IsLoopback(ip)))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }
                await next(http);
            });
        }
        return app;
    }

    private static int HostPort(IConfiguration configuration)
    {
        var raw = configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
        return int.TryParse(raw, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"FUNCTIONS_CUSTOMHANDLER_PORT must be a TCP port number, got '{raw}'");
    }
}
