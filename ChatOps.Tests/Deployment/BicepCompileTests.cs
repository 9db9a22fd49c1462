using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOps.Tests.Deployment;

/// <summary>infra/ compiled by the real Bicep compiler: no warning and no error (the linter's rules included),
/// and the compiled ARM creating what the app needs: its queues and containers, the identity's roles, every
/// app setting it reads at start.</summary>
public sealed class BicepCompileTests
{
    [Fact]
    public void MainBicep_Compiles_WithoutAWarningOrAnError()
    {
        var build = BicepCompiler.Main;

        Assert.True(build.ExitCode == 0 && build.Diagnostics.Length == 0, $"bicep build infra/main.bicep:\n{build.Diagnostics}");
        Assert.Equal("2.0", (string?)build.Json["languageVersion"]);
    }

    [Fact]
    public void MainBicepparam_Compiles_WithTheSecretsFromTheEnvironment_WithoutAWarningOrAnError()
    {
        var build = BicepCompiler.Params;

        Assert.True(build.ExitCode == 0 && build.Diagnostics.Length == 0, $"bicep build-params infra/main.bicepparam:\n{build.Diagnostics}");
        var parameters = JsonNode.Parse((string)build.Json["parametersJson"]!)!["parameters"]!;
        Assert.Equal(BicepCompiler.PlaceholderSecrets["SLACK_SIGNING_SECRET"], (string?)parameters["slackSigningSecret"]!["value"]);
        Assert.Equal(BicepCompiler.PlaceholderSecrets["OPS_SERVICE_TOKEN"], (string?)parameters["opsServiceToken"]!["value"]);
    }

    [Fact]
    public async Task TheExampleAccessRule_NamesEveryCommandThatChangesProduction_WithTheTwoPersonRule()
    {
        var parameters = JsonNode.Parse((string)BicepCompiler.Params.Json["parametersJson"]!)!["parameters"]!;
        var rule = parameters["accessRules"]!["value"]![0]!;
        var example = new ChatOps.Core.Access.AccessRule { Commands = (string?)rule["commands"] ?? "" };
        await using var services = ChatOps.Tests.Support.CommandServices.Build(new Dictionary<string, string?> { ["Ops:Endpoint"] = "http://127.0.0.1:1" });
        var registry = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<ChatOps.Core.Commands.CommandDispatcher>(services).Registry;

        var changing = registry.All.Select(c => c.Info).Where(i => i.Mutating).ToList();
        Assert.Contains(changing, i => i.Name == "deploy");
        Assert.Empty(changing.Where(i => !example.Names(i)).Select(i => i.Name));
        Assert.True((bool?)rule["requireApproval"]);
    }

    [Fact]
    public void CompiledStorage_CreatesTheQueuesAndContainersTheFunctionsBindTo()
    {
        var storage = Module("storage");

        Assert.Equal([FunctionAppContract.CommandQueue, FunctionAppContract.PoisonQueue], CopiedNames(storage, "Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Contains(FunctionAppContract.DedupeContainer, CopiedNames(storage, "Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void CompiledStorage_GivesTheIdentityTheFunctionsRoles_AndNoOther()
    {
        var storage = Module("storage");
        var assignment = Resources(storage).Single(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments");

        Assert.Equal("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', items(variables('roles'))[copyIndex()].value)]",
            (string?)assignment["properties"]!["roleDefinitionId"]);
        Assert.Equal("[length(items(variables('roles')))]", (string?)assignment["copy"]!["count"]);
        var roles = storage["variables"]!["roles"]!.AsObject().Select(r => (string)r.Value!).Order();
        Assert.Equal(["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"], roles);
    }

    [Fact]
    public void CompiledFunctionApp_SetsEverySettingTheAppReadsAtStart()
    {
        var deployment = BicepCompiler.Main.Json["resources"]!["functionApp"]!;
        // Settings computed in main.bicep travel as one expression; the host's own are in the module.
        var handlerSettings = (string)deployment["properties"]!["parameters"]!["handlerSettings"]!["value"]!;
        var module = deployment["properties"]!["template"]!.ToJsonString();

        Assert.All(AppSettingsContract.ReadAtStart().Append("APPLICATIONINSIGHTS_CONNECTION_STRING"),
            key => Assert.True(handlerSettings.Contains($"'{key}'", StringComparison.Ordinal) || module.Contains($"\"{key}\"", StringComparison.Ordinal),
                $"{key} is read at start but the compiled template does not set it"));
        Assert.Contains("format('Access__Rules__{0}__Commands'", BicepCompiler.Main.Json["variables"]!["accessSettings"]!.ToString());
    }

    [Fact]
    public void CompiledFunctionApp_ReadsItsSecretsFromKeyVault_AfterTheVaultAndItsRole()
    {
        var deployment = BicepCompiler.Main.Json["resources"]!["functionApp"]!;
        var handlerSettings = (string)deployment["properties"]!["parameters"]!["handlerSettings"]!["value"]!;

        Assert.Contains("'Slack__SigningSecret', __bicep.kvRef(reference('vault').outputs.signingSecretUri.value)", handlerSettings);
        Assert.Contains("'Slack__BotToken', __bicep.kvRef(reference('vault').outputs.botTokenUri.value)", handlerSettings);
        Assert.Contains("'Confirmations__HmacKey', __bicep.kvRef(reference('vault').outputs.hmacKeyUri.value)", handlerSettings);
        Assert.Contains("vault", deployment["dependsOn"]!.AsArray().Select(d => (string?)d));
    }

    private static JsonObject Module(string name) => BicepCompiler.Main.Json["resources"]![name]!["properties"]!["template"]!.AsObject();

    private static IEnumerable<JsonNode> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array!,
        JsonObject symbolic => symbolic.Select(r => r.Value!),
        _ => [],
    };

    /// <summary>The names a copy loop creates: its name ends with variables('list')[copyIndex()], so the list's entries.</summary>
    private static IReadOnlyList<string> CopiedNames(JsonObject template, string type)
    {
        var resource = Resources(template).Single(r => (string?)r["type"] == type);
        var list = Regex.Match((string)resource["name"]!, @"variables\('(\w+)'\)\[copyIndex\(\)\]\)\]$");
        Assert.True(list.Success, $"{type} is not created by a copy loop over a variable");
        Assert.Equal($"[length(variables('{list.Groups[1].Value}'))]", (string?)resource["copy"]!["count"]);
        return template["variables"]![list.Groups[1].Value]!.AsArray().Select(n => (string)n!).ToList();
    }
}
