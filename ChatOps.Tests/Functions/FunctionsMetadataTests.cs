using System.Text.Json.Nodes;
using ChatOps.Core.Options;
using ChatOps.Functions;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Functions;

/// <summary>
/// The functions.metadata the Worker.Sdk generated into ChatOps.Functions' build output (what the Functions
/// host reads to create the triggers) agrees with the code, host.json, the Bicep and the sample settings.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly JsonArray Metadata = ReadMetadata();

    private static JsonArray ReadMetadata()
    {
        // The same configuration as this test assembly (bin/Release/net10.0 or bin/Debug/net10.0).
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var path = Path.Combine(RepoRoot.Path, "ChatOps.Functions", "bin", output.Parent!.Name, output.Name, "functions.metadata");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray();
    }

    private static JsonObject Read(params string[] path) => JsonNode.Parse(File.ReadAllText(Path.Combine([RepoRoot.Path, .. path])))!.AsObject();

    private static JsonObject Function(string name) => Metadata.OfType<JsonObject>().Single(f => (string?)f["name"] == name);

    private static JsonObject Binding(string function, string direction, string type) =>
        Function(function)["bindings"]!.AsArray().OfType<JsonObject>()
            .Single(b => string.Equals((string?)b["direction"], direction, StringComparison.OrdinalIgnoreCase) && (string?)b["type"] == type);

    [Fact]
    public void ExactlyTheFourFunctions_AreDeclared_AllDotnetIsolated()
    {
        Assert.Equal(["alertmanager", "poison", "slack", "worker"], Metadata.Select(f => (string)f!["name"]!).Order());
        Assert.All(Metadata, f => Assert.Equal("dotnet-isolated", (string?)f!["language"]));
        Assert.All(Metadata, f => Assert.Equal("ChatOps.Functions.dll", (string?)f!["scriptFile"]));
    }

    [Fact]
    public void SlackFunction_IsAnAnonymousPostOnRouteSlack_WithHttpAndQueueOutputs()
    {
        var trigger = Binding(FunctionNames.Slack, "in", "httpTrigger");
        Assert.Equal("slack", (string?)trigger["route"]);
        Assert.Equal("anonymous", ((string?)trigger["authLevel"])?.ToLowerInvariant());
        Assert.Equal(["post"], trigger["methods"]!.AsArray().Select(m => (string)m!));
        Binding(FunctionNames.Slack, "out", "http");
        var queue = Binding(FunctionNames.Slack, "out", "queue");
        Assert.Equal("chatops-commands", (string?)queue["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)queue["connection"]);
    }

    [Theory]
    [InlineData("worker", "chatops-commands")]
    [InlineData("poison", "chatops-commands-poison")]
    public void QueueFunctions_TriggerOnTheirQueues_BindingTheRawMessage(string function, string queue)
    {
        var trigger = Binding(function, "in", "queueTrigger");
        Assert.Equal(queue, (string?)trigger["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)trigger["connection"]);
        // QueueMessage (an SDK type), not the envelope: an unreadable message reaches the function.
        Assert.Equal("True", (string?)trigger["properties"]?["supportsDeferredBinding"]);
        Assert.Single(Function(function)["bindings"]!.AsArray());
    }

    [Fact]
    public void TheBicep_CreatesEveryQueueAndContainerTheAppUses()
    {
        var bicep = File.ReadAllText(Path.Combine(RepoRoot.Path, "infra", "modules", "storage.bicep"));
        var queues = Metadata.SelectMany(f => f!["bindings"]!.AsArray()).Select(b => (string?)b!["queueName"]).OfType<string>().Distinct();
        foreach (var name in queues.Append(FunctionNames.DedupeContainer))
            Assert.Contains($"'{name}'", bicep);
    }

    [Fact]
    public void HostJson_HasNoCustomHandlerNorBundle_AndPollsTheQueueInSeconds()
    {
        var host = Read("ChatOps.Functions", "host.json");
        Assert.Null(host["customHandler"]);
        // An isolated app brings its extensions in .azurefunctions/; a bundle would be downloaded by the host.
        Assert.Null(host["extensionBundle"]);
        var queues = host["extensions"]!["queues"]!;
        Assert.True(TimeSpan.Parse((string)queues["maxPollingInterval"]!) <= TimeSpan.FromSeconds(5));
        Assert.InRange((int)queues["maxDequeueCount"]!, 2, 5);
        Assert.Equal("base64", (string?)queues["messageEncoding"]);
    }

    [Fact]
    public void SampleSettings_NameEverySettingTheAppReads()
    {
        var values = Read("ChatOps.Functions", "local.settings.sample.json")["Values"]!.AsObject();

        var expected = typeof(SlackOptions).GetProperties().Select(p => $"{SlackOptions.Section}__{p.Name}")
            .Concat(typeof(OpsOptions).GetProperties().Select(p => $"{OpsOptions.Section}__{p.Name}"))
            .Concat(typeof(WorkerOptions).GetProperties().Select(p => $"{WorkerOptions.Section}__{p.Name}"))
            .Append("AzureWebJobsStorage").Append("FUNCTIONS_WORKER_RUNTIME");
        foreach (var key in expected) Assert.True(values.ContainsKey(key), $"local.settings.sample.json lacks {key}");
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
        var hostMax = (int)Read("ChatOps.Functions", "host.json")["extensions"]!["queues"]!["maxDequeueCount"]!;
        Assert.Equal(hostMax.ToString(), (string?)values["Worker__MaxDequeueCount"]);
    }

    [Fact]
    public void LocalSettings_AreIgnoredByGit()
    {
        Assert.Contains("local.settings.json", File.ReadAllLines(Path.Combine(RepoRoot.Path, ".gitignore")));
    }
}
