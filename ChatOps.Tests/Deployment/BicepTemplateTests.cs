using System.Text.RegularExpressions;
using ChatOps.Core.Access;

namespace ChatOps.Tests.Deployment;

/// <summary>infra/: every parameter used, every module present, and the app settings, queues and
/// containers agreeing with the code and the functions' bindings (FunctionAppContract).</summary>
public sealed class BicepTemplateTests
{
    private static readonly Bicep Main = Bicep.Load("infra", "main.bicep");
    private static readonly IReadOnlyList<Bicep> Modules = Main.ModulePaths.Select(p => Bicep.Load("infra", p)).ToList();
    private static IEnumerable<Bicep> All => Modules.Prepend(Main);
    private static Bicep Module(string name) => Modules.Single(m => m.File.EndsWith("/" + name));

    private static readonly string[] NewSettings = AppSettingsContract.ConfirmationAndLimitSettings;

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
        var created = Module("storage.bicep").Literals.Where(l => l.StartsWith(FunctionAppContract.CommandQueue)).Order();
        Assert.Equal(new[] { FunctionAppContract.CommandQueue, FunctionAppContract.PoisonQueue }.Order(), created);
    }

    [Fact]
    public void DedupeContainer_AndTheFlexPackageContainer_AreCreated()
    {
        var storage = Module("storage.bicep");
        Assert.Contains(FunctionAppContract.DedupeContainer, storage.Literals);
        Assert.Contains($"prefixMatch: [ '{FunctionAppContract.DedupeContainer}/' ]", storage.Text); // markers expire
        var package = Regex.Match(storage.Text, @"output deploymentContainerUrl string = '\$\{[^}]+\}([a-z0-9-]+)'").Groups[1].Value;
        Assert.Contains(package, storage.Literals);
    }

    [Fact]
    public void OnCallOverrides_LiveWhereNoLifecycleRuleDeletesThem()
    {
        // An override may last 31 days; a rule deleting after 7 would page the rotation person instead.
        var storage = Module("storage.bicep");
        Assert.Contains(FunctionAppContract.OnCallContainer, storage.Literals);
        var prefixes = Regex.Matches(storage.Text, @"prefixMatch: \[([^\]]*)\]").SelectMany(m => Regex.Matches(m.Groups[1].Value, "'([^']*)'"))
            .Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(prefixes);
        Assert.DoesNotContain(prefixes, p => (FunctionAppContract.OnCallContainer + "/").StartsWith(p, StringComparison.Ordinal));
    }

    // Built-in role ids (Azure RBAC built-in roles; the same ids as Microsoft's Flex Consumption samples).
    private static readonly Dictionary<string, string> StorageRoles = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",      // host; dedupe markers; Flex package
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor", // trigger, output, the worker's sends
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor", // host diagnostic events
    };

    [Fact]
    public void Storage_TakesNoSharedKeys_AndTheIdentityHasExactlyTheFunctionsRoles()
    {
        var storage = Module("storage.bicep");
        Assert.Matches(@"allowSharedKeyAccess:\s*false", storage.Text);
        var assigned = storage.Literals.Where(l => Regex.IsMatch(l, "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        // An id that is no built-in role fails the deployment ("role definition does not exist").
        Assert.Equal(StorageRoles.Keys.Order(), assigned.Order());
        // Storage Account Contributor could list keys and re-enable shared-key access.
        Assert.DoesNotContain("17d1049b-9a84-46fb-8f53-869881c3d3ab", storage.Literals);
        Assert.Matches(@"scope:\s*storage\b", storage.Text);
        Assert.Matches(@"name:\s*guid\(", storage.Text);
    }

    [Fact]
    public void HostStorage_IsReachedThroughTheUserAssignedIdentity_AtServiceUrisTheAppsClientsCanRead()
    {
        var app = Module("functionApp.bicep");
        foreach (var service in new[] { "blob", "queue", "table" })
            Assert.Contains($"{{ name: 'AzureWebJobsStorage__{service}ServiceUri', value: 'https://${{storageAccountName}}.{service}.${{storageSuffix}}' }}", app.Text);
        Assert.Contains("var storageSuffix = environment().suffixes.storage", app.Text);
        Assert.Matches(@"name: 'AzureWebJobsStorage__clientId', value: identityClientId", app.Text);
        Assert.Matches(@"name: 'AzureWebJobsStorage__credential', value: 'managedidentity'", app.Text);
        // No connection string (no keys), and no accountName: the host reads it, but the app's Blob and
        // Queue clients (Microsoft.Extensions.Azure) know only serviceUri/connectionString.
        Assert.DoesNotMatch(@"name: 'AzureWebJobsStorage',", app.Text);
        Assert.DoesNotContain("AzureWebJobsStorage__accountName", app.SettingNames);
        Assert.Equal(2, Regex.Matches(app.Text, @"keyVaultReferenceIdentity:\s*identityId").Count); // both hostings
        Assert.Matches(@"enableRbacAuthorization:\s*true", Module("keyvault.bicep").Text);
    }

    [Fact]
    public void EverySettingTheAppReadsAtStart_IsSetInAzure()
    {
        var names = All.SelectMany(f => f.SettingNames).ToHashSet();
        var expected = AppSettingsContract.ReadAtStart();

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
        var hostMax = (int)DeploymentFiles.HostJson()["extensions"]!["queues"]!["maxDequeueCount"]!;
        Assert.StartsWith($"'{hostMax}'", Main.ValueOf("Worker__MaxDequeueCount"));
    }

    [Fact]
    public void Flex_IsTheDefault_AndRunsDotnetIsolated10_FromFunctionAppConfig()
    {
        var app = Module("functionApp.bicep");
        Assert.Contains("name: 'FC1', tier: 'FlexConsumption'", app.Text);
        Assert.Contains("runtime: { name: 'dotnet-isolated', version: '10.0' }", app.Text);
        // Flex rejects FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION as app settings.
        Assert.Matches(@"(?m)^    appSettings: concat\(hostSettings, handlerSettings\)$", app.Text);
        Assert.DoesNotContain("FUNCTIONS_", Main.Text);
        Assert.Matches(@"param hosting string = 'flex'", Main.Text);
        Assert.Contains("param hosting = 'flex'", DeploymentFiles.Text("infra", "main.bicepparam"));
    }

    [Fact]
    public void Premium_RunsTheImage_AsADotnetIsolatedContainer()
    {
        var app = Module("functionApp.bicep");
        Assert.Contains("name: 'EP1', tier: 'ElasticPremium'", app.Text);
        Assert.Matches(@"linuxFxVersion: 'DOCKER\|\$\{registryServer\}/\$\{image\}'", app.Text);
        Assert.Contains("{ name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }", app.Text);
        Assert.Contains("{ name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }", app.Text);
        Assert.Contains("appSettings: concat(hostSettings, premiumSettings, handlerSettings)", app.Text);
    }

    [Fact]
    public void OpsService_GetsItsBackends_AndTheFunctionAppPointsAtIt()
    {
        var ops = Module("opsService.bicep");
        foreach (var key in new[] { "OpsService__Listen", "OpsService__MetricsListen", "OpsService__PrometheusUrl", "OpsService__JaegerUrl", "OpsService__Token" })
            Assert.Contains(key, ops.SettingNames);
        var listen = Regex.Match(ops.Text, @"OpsService__Listen', value: '([^']+)'").Groups[1].Value;
        Assert.Matches($@"targetPort:\s*{new Uri(listen).Port}\b", ops.Text);
        Assert.Matches(@"var opsTarget = opsService\.\?outputs\.endpoint \?\? opsEndpoint", Main.Text);
        Assert.Equal("opsTarget", Main.ValueOf("Ops__Endpoint"));
    }

    [Fact]
    public void SlackRequestUrl_IsAnOutput_EndingWithTheSlackRoute()
    {
        Assert.Contains("slackRequestUrl", Main.Outputs);
        var prefix = (string)DeploymentFiles.HostJson()["extensions"]!["http"]!["routePrefix"]!;
        Assert.Matches(@"var functionHost = functionApp\.\?outputs\.hostName \?\? ''", Main.Text);
        Assert.Matches($@"output slackRequestUrl string = .*'https://\$\{{functionHost\}}/{prefix}/{FunctionAppContract.SlackRoute}'", Main.Text);
    }
}
