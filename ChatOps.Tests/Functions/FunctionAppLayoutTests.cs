using System.Text.Json.Nodes;
using ChatOps.Core.Options;
using ChatOps.Functions.HostProtocol;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Functions;

/// <summary>The function app files at the repo root agree with the code: function folders, binding
/// names, queue names, host.json and the sample settings.</summary>
public sealed class FunctionAppLayoutTests
{
    private static JsonObject Read(params string[] path) => JsonNode.Parse(File.ReadAllText(Path.Combine([RepoRoot.Path, .. path])))!.AsObject();

    private static JsonObject Binding(string function, string direction, string type) =>
        Read(function, "function.json")["bindings"]!.AsArray().OfType<JsonObject>()
            .Single(b => (string?)b["direction"] == direction && (string?)b["type"] == type);

    [Fact]
    public void SlackFunction_IsAnAnonymousPostOnRouteSlack_WithHttpAndQueueOutputs()
    {
        var trigger = Binding(FunctionNames.Slack, "in", "httpTrigger");
        Assert.Equal(FunctionNames.HttpTrigger, (string?)trigger["name"]);
        Assert.Equal("slack", (string?)trigger["route"]);
        Assert.Equal("anonymous", (string?)trigger["authLevel"]);
        Assert.Equal(["post"], trigger["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(FunctionNames.HttpOutput, (string?)Binding(FunctionNames.Slack, "out", "http")["name"]);
        var queue = Binding(FunctionNames.Slack, "out", "queue");
        Assert.Equal(FunctionNames.QueueOutput, (string?)queue["name"]);
        Assert.Equal(FunctionNames.CommandsQueue, (string?)queue["queueName"]);
    }

    [Theory]
    [InlineData(FunctionNames.Worker, FunctionNames.CommandsQueue)]
    [InlineData(FunctionNames.Poison, FunctionNames.PoisonQueue)]
    public void QueueFunctions_TriggerOnTheirQueues(string function, string queue)
    {
        var trigger = Binding(function, "in", "queueTrigger");
        Assert.Equal(FunctionNames.QueueTrigger, (string?)trigger["name"]);
        Assert.Equal(queue, (string?)trigger["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)trigger["connection"]);
    }

    [Fact]
    public void HostJson_StartsThePublishedHandler_AndPollsTheQueueInSeconds()
    {
        var host = Read("host.json");
        Assert.Equal("publish/ChatOps.Functions", (string?)host["customHandler"]!["description"]!["defaultExecutablePath"]);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)host["extensionBundle"]!["id"]);
        var queues = host["extensions"]!["queues"]!;
        Assert.True(TimeSpan.Parse((string)queues["maxPollingInterval"]!) <= TimeSpan.FromSeconds(5));
        Assert.InRange((int)queues["maxDequeueCount"]!, 2, 5);
    }

    [Fact]
    public void SampleSettings_NameEverySettingTheAppReads()
    {
        var values = Read("local.settings.sample.json")["Values"]!.AsObject();

        var expected = typeof(SlackOptions).GetProperties().Select(p => $"{SlackOptions.Section}__{p.Name}")
            .Concat(typeof(OpsOptions).GetProperties().Select(p => $"{OpsOptions.Section}__{p.Name}"))
            .Concat(typeof(WorkerOptions).GetProperties().Select(p => $"{WorkerOptions.Section}__{p.Name}"))
            .Append("AzureWebJobsStorage").Append("FUNCTIONS_WORKER_RUNTIME");
        foreach (var key in expected) Assert.True(values.ContainsKey(key), $"local.settings.sample.json lacks {key}");
        Assert.Equal("UseDevelopmentStorage=true", (string?)values["AzureWebJobsStorage"]);
        var hostMax = (int)Read("host.json")["extensions"]!["queues"]!["maxDequeueCount"]!;
        Assert.Equal(hostMax.ToString(), (string?)values["Worker__MaxDequeueCount"]);
    }

    [Fact]
    public void LocalSettings_AreIgnoredByGit()
    {
        Assert.Contains("local.settings.json", File.ReadAllLines(Path.Combine(RepoRoot.Path, ".gitignore")));
    }
}
