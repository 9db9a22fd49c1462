using System.Text.RegularExpressions;

namespace ChatOps.Tests.Deployment;

/// <summary>The deployment commands in docs/deploying-to-azure.md and the Compose steps in
/// docs/running-locally.md name files, outputs, parameters and images that exist, so the instructions cannot
/// drift from infra/ and the Dockerfiles.</summary>
public sealed class DeployDocCommandTests
{
    private static readonly Bicep Main = Bicep.Load("infra", "main.bicep");

    /// <summary>Lines of the deployment page's fenced code blocks.</summary>
    private static readonly IReadOnlyList<string> CodeLines = CodeLinesOf("docs", "deploying-to-azure.md");

    private static IReadOnlyList<string> CodeLinesOf(params string[] page) =>
        Regex.Matches(DeploymentFiles.Text(page).ReplaceLineEndings("\n"), "(?s)```[a-z]*\n(.*?)```")
            .SelectMany(m => m.Groups[1].Value.Split('\n')).Select(l => l.Trim()).ToList();

    private static IEnumerable<string> Commands(string start) => CodeLines.Where(l => l.Contains(start));

    private static IEnumerable<string> Args(string line, string option) =>
        Regex.Matches(line, $@"{Regex.Escape(option)}[ =](""[^""]*""|\S+)").Select(m => m.Groups[1].Value.Trim('"'));

    [Fact]
    public void DeploymentCommands_UseTheTemplateAndParameterFilesThatExist()
    {
        var deployments = Commands("az deployment group create").ToList();
        Assert.NotEmpty(deployments);
        foreach (var line in deployments)
        {
            Assert.Equal(["infra/main.bicep"], Args(line, "--template-file"));
            foreach (var value in Args(line, "--parameters"))
            {
                if (value.Contains('=')) Assert.Contains(value.Split('=')[0], Main.Params.Select(p => p.Name));
                else Assert.True(File.Exists(DeploymentFiles.PathOf(value)), $"docs/deploying-to-azure.md: {value} does not exist");
            }
            Assert.Contains("infra/main.bicepparam", Args(line, "--parameters"));
        }
    }

    [Fact]
    public void OutputsTheDeployPageQueries_AreDeclared()
    {
        var queried = CodeLines.SelectMany(l => Regex.Matches(l, @"properties\.outputs\.(\w+)\.value").Select(m => m.Groups[1].Value)).ToList();
        Assert.Contains("slackRequestUrl", queried);
        Assert.All(queried, output => Assert.Contains(output, Main.Outputs));
    }

    [Fact]
    public void ImageBuilds_UseDockerfilesThatExist_AndTheImageNamesInfraDeploys()
    {
        var builds = Commands("az acr build").ToList();
        Assert.Equal(2, builds.Count);
        var defaults = DeploymentFiles.Text("infra", "main.bicepparam") + Main.Text;
        foreach (var line in builds)
        {
            Assert.True(File.Exists(DeploymentFiles.PathOf(Args(line, "--file").Single())), line);
            Assert.EndsWith(" .", line); // the repo root is the build context, as the Dockerfiles expect
            Assert.Contains($"'{Args(line, "--image").Single()}'", defaults);
        }
    }

    [Fact]
    public void FlexPackage_IsThePublishOutput_ZippedAtItsRoot_AndIsTheOneDeployed()
    {
        Assert.Contains(Commands("scripts/publish"), l => l == "scripts/publish");
        // host.json must sit at the zip's root, next to functions.metadata and the worker.
        var zip = Regex.Match(Commands("&& zip -").Single(), @"^\(cd publish && zip -q?r \.\./(\S+\.zip) \.\)$");
        Assert.True(zip.Success, "zip the contents of publish/, not the folder");
        var deployed = Args(Commands("az functionapp deployment source config-zip").Single(), "--src").Single();
        Assert.Equal(zip.Groups[1].Value, deployed);
    }

    [Fact]
    public void ComposeSteps_NameFilesThatExist()
    {
        var local = CodeLinesOf("docs", "running-locally.md");
        Assert.Contains(local, l => l.StartsWith("cp .env.example .env", StringComparison.Ordinal));
        Assert.True(File.Exists(DeploymentFiles.PathOf(".env.example")));
        Assert.Contains(local, l => l.StartsWith("docker compose up", StringComparison.Ordinal));
        Assert.True(File.Exists(DeploymentFiles.PathOf("docker-compose.yml")));
    }
}
