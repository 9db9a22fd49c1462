using ChatOps.Core.Environments;
using ChatOps.Core.Ops;
using ChatOps.Core.Options;
using ChatOps.Functions.Configuration;
using ChatOps.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOps.Tests.Environments;

/// <summary>Environments__* or the legacy Ops__* settings, checked at start with every bad key named.</summary>
public sealed class EnvironmentSettingsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) => CommandServices.Build(settings);

    private static Dictionary<string, string?> Two() => TwoEnvironments.Settings().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);

    [Fact]
    public async Task TheSingleEndpointSettings_StillWork_AsOneEnvironmentNamedDefault_WithoutMarkers()
    {
        await using var services = Services(new() { ["Ops:Endpoint"] = "http://ops.internal:50051", ["Ops:Timeout"] = "00:00:03" });

        Assert.Empty(StartupSettings.Problems(services));
        var catalog = services.GetRequiredService<EnvironmentCatalog>();
        var only = Assert.Single(catalog.All);
        Assert.Equal(("default", "http://ops.internal:50051", TimeSpan.FromSeconds(3)), (only.Name, only.Ops.Endpoint, only.Ops.Timeout));
        Assert.True(catalog.IsLegacy);
        Assert.False(catalog.MarksReplies);
        Assert.Same(only.Ops, services.GetRequiredService<OpsOptions>());
    }

    [Fact]
    public async Task TheSingleEndpointSettings_Missing_StillNameOpsEndpoint()
    {
        await using var services = Services(new());

        Assert.Contains(StartupSettings.Problems(services), p => p.StartsWith("Ops__Endpoint is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Environments_AreRead_WithTheirChannelsLabelsAndTheDefault()
    {
        await using var services = Services(Two());

        Assert.Empty(StartupSettings.Problems(services));
        var catalog = services.GetRequiredService<EnvironmentCatalog>();
        Assert.Equal(["prod", "staging"], catalog.All.Select(e => e.Name));
        Assert.Equal("prod", catalog.Default.Name);
        Assert.Equal("production", catalog.Find("PROD")!.Label);
        Assert.Equal("staging", catalog.Find("staging")!.Label);
        Assert.Equal("staging", catalog.ForChannel(TwoEnvironments.StagingChannel).Name);
        Assert.Equal("prod", catalog.ForChannel("C0ELSEWHERE").Name);
        Assert.Equal("prod", catalog.ForChannel("D0DIRECT").Name);
        Assert.True(catalog.MarksReplies);
        // The default environment's settings stand in for whatever still asks for one OpsOptions.
        Assert.Equal("http://ops-prod.internal:50051", services.GetRequiredService<OpsOptions>().Endpoint);
    }

    [Fact]
    public async Task BothForms_AreRefusedAtStart_NamingTheKeys()
    {
        var settings = Two();
        settings["Ops:Endpoint"] = "http://ops.internal:50051";
        settings["Ops:Token"] = "s3cret";
        await using var services = Services(settings);

        var problems = StartupSettings.Problems(services);
        var problem = Assert.Single(problems, p => p.Contains("are both set"));
        Assert.StartsWith("Ops__Endpoint, Ops__Token and Environments__* are both set", problem);
        Assert.All(problems, p => Assert.DoesNotContain("s3cret", p));
    }

    [Fact]
    public async Task EveryEndpoint_IsValidatedAtStart_NamingItsEnvironmentsKey()
    {
        var settings = Two();
        settings["Environments:staging:Ops:Endpoint"] = "ops-staging:50051";
        settings["Environments:prod:Ops:Timeout"] = "00:10:00";
        settings["Environments:qa:Ops:TraceUiUrl"] = "http://jaeger/trace";
        await using var services = Services(settings);

        var problems = StartupSettings.Problems(services);

        Assert.Contains("Environments__staging__Ops__Endpoint must be an absolute http:// or https:// URL", problems);
        Assert.Contains("Environments__prod__Ops__Timeout must be between 00:00:00.001 and 00:05:00", problems);
        Assert.Contains(problems, p => p.StartsWith("Environments__qa__Ops__Endpoint is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Environments__qa__Ops__TraceUiUrl must be", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "Environments__Default is missing")]
    [InlineData("prdo", "Environments__Default is 'prdo', which is not a configured environment (prod, staging)")]
    public async Task TheDefault_MustNameAConfiguredEnvironment(string? chosen, string expected)
    {
        var settings = Two();
        settings["Environments:Default"] = chosen;
        await using var services = Services(settings);

        Assert.Contains(StartupSettings.Problems(services), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AChannel_CanBeTheDefaultOfOneEnvironmentOnly()
    {
        var settings = Two();
        settings["Environments:staging:Channels"] = $"C0QA, {TwoEnvironments.ProdChannel}";
        await using var services = Services(settings);

        Assert.Contains($"Environments__staging__Channels: channel {TwoEnvironments.ProdChannel} is already the default channel of environment 'prod'",
            StartupSettings.Problems(services));
    }

    [Fact]
    public async Task ABadTimeout_IsNamedByItsKey()
    {
        var settings = Two();
        settings["Environments:staging:Ops:Timeout"] = "soon";
        await using var services = Services(settings);

        Assert.Contains(StartupSettings.Problems(services), p => p.StartsWith("Environments__staging__*:", StringComparison.Ordinal) && p.Contains("Timeout"));
    }

    [Fact]
    public async Task OpsChannels_AreMadeOnFirstUse_OnePerEnvironment()
    {
        await using var services = Services(Two());
        var clients = (ChatOps.Functions.Ops.EnvironmentOpsClients)services.GetRequiredService<IEnvironmentOpsClients>();
        _ = services.GetRequiredService<IOpsClient>();

        Assert.Equal(0, clients.Created);
        var staging = clients.For("staging");
        Assert.Same(staging, clients.For("STAGING"));
        Assert.Equal(1, clients.Created);
        Assert.NotSame(staging, clients.For("prod"));
        Assert.Same(services.GetRequiredService<OpsGrpcClient>(), clients.For("prod"));
    }
}
