using System.Text.RegularExpressions;
using ChatOps.Core.Access;
using ChatOps.Core.Graphs;
using ChatOps.Core.Options;

namespace ChatOps.Tests.Deployment;

/// <summary>infra/: every parameter used, every module present, and the app settings, queues and
/// containers agreeing with the code and the function.json files.</summary>
public sealed class BicepTemplateTests
{
    private static readonly Bicep Main = Bicep.Load("infra", "main.bicep");
    private static readonly IReadOnlyList<Bicep> Modules = Main.ModulePaths.Select(p => Bicep.Load("infra", p)).ToList();
    private static IEnumerable<Bicep> All => Modules.Prepend(Main);
    private static Bicep Module(string name) => Modules.Single(m => m.File.EndsWith("/" + name));

    // Settings the main developer is adding with the confirmation buttons and limits (issue 7).
    private static readonly string[] NewSettings =
    [
        "Confirmations__HmacKey", "Confirmations__Expiry", "Limits__MaxBodyBytes", "Limits__MaxCommandLength",
        "Limits__CommandsPerMinute", "Limits__MaxConcurrentOpsCalls",
    ];

    [Fact]
    public void EveryParameter_OfEveryFile_IsUsed()
    {
        Assert.NotEmpty(Main.Params);
        foreach (var file in All)
        foreach (var param in file.Params)
            Assert.True(file.Uses(param.Name), $"{file.File}: param {param.Name} is never used");
    }

    [Fact]
    public void EveryModule_Exists_AndEveryModuleFile_IsDeployed()
    {
        foreach (var path in Main.ModulePaths) Assert.True(File.Exists(DeploymentFiles.PathOf("infra", path)), $"infra/{path} missing");
        var files = Directory.GetFiles(DeploymentFiles.PathOf("infra", "modules"), "*.bicep").Select(f => "modules/" + Path.GetFileName(f));
        Assert.Equal(files.Order(), Main.ModulePaths.Order());
    }

    [Fact]
    public void Bicepparam_UsesMain_AndSetsEveryRequiredParameter()
    {
        var text = DeploymentFiles.Text("infra", "main.bicepparam");
        Assert.Matches(@"(?m)^using 'main\.bicep'", text);
        var set = Regex.Matches(text, @"(?m)^param\s+(\w+)\s*=").Select(m => m.Groups[1].Value).ToList();
        var declared = Main.Params.Select(p => p.Name).ToHashSet();
        Assert.All(set, name => Assert.Contains(name, declared));
        foreach (var param in Main.Params.Where(p => p.Required)) Assert.Contains(param.Name, set);
        Assert.Contains(Main.Params, p => p.Required); // the secrets and backend URLs have no defaults
    }

    [Fact]
    public void Queues_AreThoseTheFunctionsBindTo()
    {
        var bound = new[] { "slack", "worker", "poison" }
            .SelectMany(f => DeploymentFiles.Json(f, "function.json")["bindings"]!.AsArray())
            .Select(b => (string?)b!["queueName"]).OfType<string>().Distinct().Order();
        var created = Module("storage.bicep").Literals.Where(l => l.StartsWith("chatops-commands")).Order();
        Assert.Equal(bound, created);
        Assert.Contains("chatops-commands-poison", created); // the host's <queue>-poison convention
    }

    [Fact]
    public void DedupeContainer_IsCreated_AndIsTheOneTheWorkerBindsTo()
    {
        var storage = Module("storage.bicep");
        Assert.Contains("chatops-dedupe", storage.Literals);
        var blobPaths = DeploymentFiles.Json("worker", "function.json")["bindings"]!.AsArray()
            .Where(b => ((string?)b!["type"])?.StartsWith("blob") == true).Select(b => (string)b!["path"]!).ToList();
        foreach (var path in blobPaths) Assert.Equal("chatops-dedupe", path.Split('/')[0]);
    }

    [Fact]
    public void Storage_TakesNoSharedKeys_AndTheIdentityHasTheFunctionsRoles()
    {
        var storage = Module("storage.bicep");
        Assert.Matches(@"allowSharedKeyAccess:\s*false", storage.Text);
        foreach (var role in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88" })
            Assert.Contains(role, storage.Literals); // Blob Data Owner, Queue Data Contributor
        // Storage Account Contributor could list keys and re-enable shared-key access.
        Assert.DoesNotContain("17d1049b-9a84-46fb-8f53-869881c3d3ab", storage.Literals);
        Assert.Matches(@"scope:\s*storage\b", storage.Text);
        Assert.Matches(@"name:\s*guid\(", storage.Text);
    }

    [Fact]
    public void HostStorage_IsReachedThroughTheUserAssignedIdentity()
    {
        var app = Module("functionApp.bicep");
        Assert.Contains("AzureWebJobsStorage__accountName", app.SettingNames);
        Assert.Contains("AzureWebJobsStorage__clientId", app.SettingNames);
        Assert.Matches(@"name: 'AzureWebJobsStorage__credential', value: 'managedidentity'", app.Text);
        Assert.DoesNotMatch(@"name: 'AzureWebJobsStorage',", app.Text);
        Assert.Equal(2, Regex.Matches(app.Text, @"keyVaultReferenceIdentity:\s*identityId").Count); // both hostings
        Assert.Matches(@"enableRbacAuthorization:\s*true", Module("keyvault.bicep").Text);
    }

    [Fact]
    public void EverySettingTheAppReadsAtStart_IsSetInAzure()
    {
        var names = All.SelectMany(f => f.SettingNames).ToHashSet();
        static IEnumerable<string> Keys(Type options, string section) =>
            options.GetProperties().Where(p => p.PropertyType.IsValueType || p.PropertyType == typeof(string)).Select(p => $"{section}__{p.Name}");

        var expected = DeploymentFiles.SampleSettingKeys()
            .Where(k => !k.StartsWith("Graphs__Shortcuts__") && k != "AzureWebJobsStorage")
            .Concat(Keys(typeof(SlackOptions), SlackOptions.Section))
            .Concat(Keys(typeof(OpsOptions), OpsOptions.Section))
            .Concat(Keys(typeof(WorkerOptions), WorkerOptions.Section))
            .Concat(Keys(typeof(GraphOptions), GraphOptions.Section))
            .Concat(Keys(typeof(GrafanaOptions), "Graphs__Grafana"))
            .Concat(NewSettings)
            .Distinct().ToList();

        Assert.All(expected, key => Assert.True(names.Contains(key), $"{key} is read at start but not set by infra/"));
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", names);
    }

    [Fact]
    public void NewSettings_AreInTheSampleSettings()
    {
        var sample = DeploymentFiles.SampleSettingKeys();
        Assert.All(NewSettings, key => Assert.Contains(key, sample));
    }

    [Fact]
    public void ListSettings_AreExpandedPerEntry()
    {
        var accessFields = typeof(AccessRule).GetProperties().Select(p => p.Name).Append("RequireApproval");
        foreach (var field in accessFields) Assert.Contains($"'Access__Rules__${{i}}__{field}'", Main.Text);
        Assert.Contains("'Graphs__Shortcuts__${s.key}__${f.key}'", Main.Text);
    }

    [Theory]
    [InlineData("Slack__SigningSecret")]
    [InlineData("Slack__BotToken")]
    [InlineData("Confirmations__HmacKey")]
    [InlineData("Ops__Token")]
    [InlineData("Graphs__Grafana__Token")]
    public void Secrets_AreKeyVaultReferences(string setting)
    {
        Assert.Contains("kvRef(vault.outputs.", Main.ValueOf(setting));
        Assert.Contains("'@Microsoft.KeyVault(SecretUri=${secretUri})'", Main.Text);
    }

    [Fact]
    public void WorkerAttempts_MatchHostJson()
    {
        var hostMax = (int)DeploymentFiles.Json("host.json")["extensions"]!["queues"]!["maxDequeueCount"]!;
        Assert.StartsWith($"'{hostMax}'", Main.ValueOf("Worker__MaxDequeueCount"));
    }

    [Fact]
    public void BothHostings_AreThere_PremiumRunsTheImage_FlexRunsTheCustomRuntime()
    {
        var app = Module("functionApp.bicep");
        Assert.Contains("name: 'EP1', tier: 'ElasticPremium'", app.Text);
        Assert.Contains("name: 'FC1', tier: 'FlexConsumption'", app.Text);
        Assert.Matches(@"linuxFxVersion: 'DOCKER\|\$\{registryServer\}/\$\{image\}'", app.Text);
        Assert.Matches(@"runtime: \{ name: 'custom'", app.Text);
        Assert.Matches(@"appSettings: concat\(hostSettings, handlerSettings\)", app.Text); // flex: no FUNCTIONS_WORKER_RUNTIME
        Assert.Matches(@"param hosting string = 'premium'", Main.Text);
    }

    [Fact]
    public void OpsService_GetsItsBackends_AndTheFunctionAppPointsAtIt()
    {
        var ops = Module("opsService.bicep");
        foreach (var key in new[] { "OpsService__Listen", "OpsService__MetricsListen", "OpsService__PrometheusUrl", "OpsService__JaegerUrl", "OpsService__Token" })
            Assert.Contains(key, ops.SettingNames);
        var listen = Regex.Match(ops.Text, @"OpsService__Listen', value: '([^']+)'").Groups[1].Value;
        Assert.Matches($@"targetPort:\s*{new Uri(listen).Port}\b", ops.Text);
        Assert.Matches(@"var opsTarget = .*opsService\.outputs\.endpoint", Main.Text);
        Assert.Equal("opsTarget", Main.ValueOf("Ops__Endpoint"));
    }

    [Fact]
    public void SlackRequestUrl_IsAnOutput_EndingWithTheSlackRoute()
    {
        Assert.Contains("slackRequestUrl", Main.Outputs);
        Assert.Matches(@"output slackRequestUrl string = .*'https://\$\{functionApp\.outputs\.hostName\}/api/slack'", Main.Text);
    }
}
