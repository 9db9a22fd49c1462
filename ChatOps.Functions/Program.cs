using ChatOps.Functions;
using ChatOps.Functions.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The isolated worker, started by the Functions host (func start, Azure). Everything it runs is registered
// by AddChatOpsServices, which the local host (ChatOps.Local) shares.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
ShortcutsFile.AddBeneath(builder.Configuration, AppContext.BaseDirectory);
builder.Services.AddChatOpsServices(builder.Configuration, serving: true, HostJsonQueues.Read(Path.Combine(AppContext.BaseDirectory, "host.json")));
builder.Services.AddHostedService<ChatOps.Functions.Storage.StorageAtStart>();
var host = builder.Build();
if (StartupSettings.Problems(host.Services) is { Count: > 0 } problems)
{
    // Names the missing or invalid keys, never their values; the host shows the worker's exit.
    await Console.Error.WriteLineAsync("Configuration error:\n  " + string.Join("\n  ", problems));
    return 1;
}
await host.RunAsync();
return 0;
