using System.Collections.Concurrent;
using ChatOps.Core.Environments;
using ChatOps.Core.Ops;
using Grpc.Net.Client;

namespace ChatOps.Functions.Ops;

/// <summary>
/// One gRPC channel per environment, made on the first call that needs it (not at start: an environment nobody asks
/// about costs nothing, and one whose service is down does not hold up the others). The default environment uses
/// the registered <see cref="OpsGrpcClient"/>, so there is still exactly one channel for it.
/// </summary>
public sealed class EnvironmentOpsClients(EnvironmentCatalog catalog, Func<OpsGrpcClient> defaultClient, Func<HttpMessageHandler> handler)
    : IEnvironmentOpsClients, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(OpsGrpcClient Client, GrpcChannel? Channel)>> _clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many clients were made so far (each has its own channel, or is the default's).</summary>
    public int Created => _clients.Values.Count(l => l.IsValueCreated);

    public IOpsClient For(string environment) => _clients.GetOrAdd(environment, name => new(() => Create(name))).Value.Client;

    private (OpsGrpcClient, GrpcChannel?) Create(string name)
    {
        if (string.Equals(name, catalog.Default.Name, StringComparison.OrdinalIgnoreCase)) return (defaultClient(), null);
        var environment = catalog.Find(name) ?? throw new InvalidOperationException($"no environment named '{name}' is configured");
        var channel = OpsChannel.Create(environment.Ops, handler());
        return (new OpsGrpcClient(channel.CreateCallInvoker(), environment.Ops), channel);
    }

    public void Dispose()
    {
        foreach (var lazy in _clients.Values)
            if (lazy.IsValueCreated) lazy.Value.Channel?.Dispose();
    }
}
