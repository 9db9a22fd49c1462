using System.Text.Json.Nodes;

namespace ChatOps.Tests.Deployment;

/// <summary>The WorkerExtensions project the Worker.Sdk generates restores without a warning to print: every
/// build and every `scripts/run` replays the restore's warnings, and they used to bury the reply.</summary>
public sealed class WorkerExtensionsRestoreTests
{
    [Fact]
    public void TheGeneratedExtensionsProject_RestoredWithoutWarnings()
    {
        // The build this test run comes from restored it (Release, like every script here).
        var assets = DeploymentFiles.PathOf(FunctionAppContract.ProjectFolder, "obj", "Release", "net10.0", "WorkerExtensions", "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: build ChatOps.Functions in Release first");

        var json = JsonNode.Parse(File.ReadAllText(assets))!;
        var logged = json["logs"]?.AsArray().Select(l => $"{l!["code"]}: {l["message"]}").ToList() ?? [];

        Assert.True(logged.Count == 0, "the generated WorkerExtensions project restores with:\n" + string.Join("\n", logged));
    }
}
