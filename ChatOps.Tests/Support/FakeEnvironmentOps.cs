using ChatOps.Core.Ops;

namespace ChatOps.Tests.Support;

/// <summary>One fake Ops service per environment, keyed as the real ones are, so a test sees which service a call reached.</summary>
public sealed class FakeEnvironmentOps : IEnvironmentOpsClients
{
    public Dictionary<string, FakeOpsClient> Services { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FakeOpsClient this[string environment] => Services[environment];

    public IOpsClient For(string environment) =>
        Services.TryGetValue(environment, out var ops) ? ops : throw new InvalidOperationException($"the test has no Ops service for '{environment}'");

    public static FakeEnvironmentOps ProdAndStaging() => new()
    {
        Services = { ["prod"] = new FakeOpsClient { Version = "1.5.0" }, ["staging"] = new FakeOpsClient { Version = "1.6.0-rc1" } },
    };
}
