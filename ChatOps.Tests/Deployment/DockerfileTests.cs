using System.Text.RegularExpressions;
using ChatOps.Core.Graphs;

namespace ChatOps.Tests.Deployment;

/// <summary>The Dockerfiles (no Docker engine here to build them): what they copy exists, base images are
/// pinned, and the function image is Microsoft's isolated-worker host with our publish output as its app root.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Dockerfiles => new() { "Dockerfile", "ChatOps.OpsService/Dockerfile" };

    private static IReadOnlyList<string> Instructions(string dockerfile) =>
        Regex.Replace(DeploymentFiles.Text(dockerfile), @"\\\r?\n", " ").Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static IEnumerable<string[]> Copies(string dockerfile, bool fromStage) =>
        Instructions(dockerfile).Where(l => l.StartsWith("COPY ")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray())
            .Where(args => args[0].StartsWith("--from=") == fromStage);

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void EveryCopiedPath_ExistsInTheBuildContext(string dockerfile)
    {
        var copies = Copies(dockerfile, fromStage: false).ToList();
        Assert.NotEmpty(copies);
        foreach (var args in copies)
        foreach (var source in args.Where(a => !a.StartsWith("--")).SkipLast(1))
        {
            var path = DeploymentFiles.PathOf(source.TrimEnd('/'));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{dockerfile}: COPY {source} does not exist");
            Assert.False(IsIgnored(source), $"{dockerfile}: COPY {source} is excluded by .dockerignore");
        }
    }

    public static TheoryData<string, string> BuiltProjects => new()
    {
        { "Dockerfile", "ChatOps.Functions" },
        { "ChatOps.OpsService/Dockerfile", "ChatOps.OpsService" },
    };

    /// <summary>A project added to the app (ChatOps.Rendering was) must be in the image's build context too,
    /// or the image build fails at restore; so must the repo-wide MSBuild files every project imports.</summary>
    [Theory]
    [MemberData(nameof(BuiltProjects))]
    public void TheBuildStage_CopiesEveryProjectTheImageBuilds_AndTheSharedBuildFiles(string dockerfile, string project)
    {
        var copied = Copies(dockerfile, fromStage: false).SelectMany(args => args.Where(a => !a.StartsWith("--")).SkipLast(1)).ToHashSet();
        foreach (var folder in ProjectClosure(project))
            Assert.True(copied.Contains(folder + "/"), $"{dockerfile} builds {project}, which needs {folder}/, but never copies it");
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" }.Where(f => File.Exists(DeploymentFiles.PathOf(f))))
            Assert.True(copied.Contains(shared), $"{dockerfile} does not copy {shared}, which every project imports");
    }

    private static IReadOnlyList<string> ProjectClosure(string project)
    {
        var found = new List<string>();
        var pending = new Queue<string>([project]);
        while (pending.TryDequeue(out var folder))
        {
            if (found.Contains(folder)) continue;
            found.Add(folder);
            var csproj = DeploymentFiles.Text(folder, folder + ".csproj");
            foreach (Match reference in Regex.Matches(csproj, @"<ProjectReference Include=""\.\.[\\/]([^\\/""]+)[\\/]"))
                pending.Enqueue(reference.Groups[1].Value);
        }
        return found;
    }

    private static bool IsIgnored(string source) =>
        File.ReadAllLines(DeploymentFiles.PathOf(".dockerignore")).Select(l => l.Trim().TrimEnd('/'))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("**"))
            .Any(rule => source.TrimEnd('/') == rule || source.StartsWith(rule + "/"));

    private static IReadOnlyList<string> Froms(string dockerfile) =>
        Instructions(dockerfile).Where(l => l.StartsWith("FROM ")).Select(l => l.Split(' ')[1]).ToList();

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void BaseImages_ArePinned(string dockerfile)
    {
        var froms = Froms(dockerfile);
        Assert.True(froms.Count >= 2, "multi-stage: an SDK build stage and a runtime stage");
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:\d+\.\d+\.\d+$", froms[0]);
        // Microsoft's Functions images float on the host's major (`4-`) and are rebuilt monthly; a tag
        // naming a minor host version gets no more patches (Linux container support in Azure Functions).
        Assert.All(froms, image => Assert.Matches(@":(\d+(\.\d+)*|4-[a-z-]+\d+\.\d+)$", image));
    }

    [Fact]
    public void FunctionImage_IsTheIsolatedHost_ForTheFrameworkTheWorkerTargets()
    {
        var runtime = Froms("Dockerfile")[^1];
        var framework = Regex.Match(DeploymentFiles.Text("Directory.Build.props"), @"<TargetFramework>net(\d+\.\d+)</TargetFramework>").Groups[1].Value;
        Assert.Equal($"mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated{framework}", runtime);
        var lines = Instructions("Dockerfile");
        Assert.Contains(lines, l => l.Contains("AzureWebJobsScriptRoot=/home/site/wwwroot"));
        Assert.Contains(lines, l => l.Contains("FUNCTIONS_WORKER_RUNTIME=dotnet-isolated"));
    }

    [Fact]
    public void FunctionImage_CopiesThePublishOutput_AsTheAppRoot()
    {
        var publish = DeploymentFiles.Text("scripts", "publish");
        Assert.Contains("dotnet publish ChatOps.Functions/ChatOps.Functions.csproj -c Release -o publish ", publish);
        // Framework-dependent (the host image brings the .NET runtime, and Flex runs the same output), for
        // Linux x64 only: both hostings are, and a portable publish carries natives for every platform.
        Assert.Contains("-r linux-x64 --self-contained false", publish);
        foreach (var file in new[] { "ChatOps.Functions.dll", "host.json", "functions.metadata", "worker.config.json" })
            Assert.Contains(file, publish); // scripts/publish fails when one is missing

        var lines = Instructions("Dockerfile");
        Assert.Contains(lines, l => l == "RUN scripts/publish");
        var fromBuild = Assert.Single(Copies("Dockerfile", fromStage: true));
        Assert.Equal(["--from=build", "/src/publish/", "/home/site/wwwroot/"], fromBuild);
        // host.json and the bindings (functions.metadata) come from the publish output, nothing else.
        Assert.DoesNotContain(Copies("Dockerfile", fromStage: false), args => args.Last().StartsWith("/home/site/wwwroot"));
    }

    [Fact]
    public void FunctionImage_HasChromium_WhereTheRendererLooksForIt()
    {
        var lines = Instructions("Dockerfile");
        Assert.Contains(lines, l => l.StartsWith("RUN apt-get") && Regex.IsMatch(l, @"\bchromium\b") && l.Contains("fonts-"));
        Assert.Contains(lines, l => l.Contains($"Graphs__ChromiumPath={new GraphOptions().ChromiumPath}"));
    }

    [Fact]
    public void OpsImage_RunsTheServiceAsNonRoot_ListeningOnWhatItExposes()
    {
        var lines = Instructions("ChatOps.OpsService/Dockerfile");
        Assert.Contains(lines, l => l.StartsWith("USER ") && !l.Contains("root"));
        Assert.Contains(lines, l => l == "ENTRYPOINT [\"dotnet\", \"ChatOps.OpsService.dll\"]");
        var exposed = lines.Single(l => l.StartsWith("EXPOSE ")).Split(' ').Skip(1).Select(int.Parse).ToHashSet();
        foreach (Match listen in Regex.Matches(string.Join('\n', lines), @"OpsService__(?:Metrics)?Listen=http://0\.0\.0\.0:(\d+)"))
            Assert.Contains(int.Parse(listen.Groups[1].Value), exposed);
        Assert.Equal(2, exposed.Count);
    }

    [Fact]
    public void DockerIgnore_KeepsSecretsAndOutputsOutOfTheContext()
    {
        var rules = File.ReadAllLines(DeploymentFiles.PathOf(".dockerignore"));
        // local.settings.json lives in ChatOps.Functions/, which the Dockerfile copies: ignored at any depth.
        foreach (var rule in new[] { ".env", "**/local.settings.json", "**/bin", "**/obj", "publish/" }) Assert.Contains(rule, rules);
    }
}
