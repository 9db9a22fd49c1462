using System.Text.RegularExpressions;
using ChatOps.Core.Graphs;

namespace ChatOps.Tests.Deployment;

/// <summary>The Dockerfiles (no Docker engine here to build them): what they copy exists, base images are
/// pinned, and the function image is laid out the way host.json and the code expect.</summary>
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

    private static bool IsIgnored(string source) =>
        File.ReadAllLines(DeploymentFiles.PathOf(".dockerignore")).Select(l => l.Trim().TrimEnd('/'))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("**"))
            .Any(rule => source.TrimEnd('/') == rule || source.StartsWith(rule + "/"));

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void BaseImages_ArePinned(string dockerfile)
    {
        var froms = Instructions(dockerfile).Where(l => l.StartsWith("FROM ")).Select(l => l.Split(' ')[1]).ToList();
        Assert.True(froms.Count >= 2, "multi-stage: an SDK build stage and a runtime stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", froms[0]);
        Assert.All(froms, image => Assert.Matches(@":\d+(\.\d+)*$", image));
    }

    [Fact]
    public void FunctionImage_IsLaidOutAsHostJsonExpects()
    {
        var lines = Instructions("Dockerfile");
        Assert.Matches(@"^mcr\.microsoft\.com/azure-functions/base:", lines.Last(l => l.StartsWith("FROM ")).Split(' ')[1]);
        Assert.Contains(lines, l => l.Contains("AzureWebJobsScriptRoot=/home/site/wwwroot"));
        Assert.Contains(lines, l => l.Contains("FUNCTIONS_WORKER_RUNTIME=custom"));

        var executable = (string)DeploymentFiles.Json("host.json")["customHandler"]!["description"]!["defaultExecutablePath"]!;
        var publishFolder = executable.Split('/')[0];
        Assert.Matches($@"-o {publishFolder}\b", DeploymentFiles.Text("scripts", "publish"));
        Assert.Contains(lines, l => l == "RUN scripts/publish");
        Assert.Contains(Copies("Dockerfile", fromStage: true), args => args[1] == $"/src/{publishFolder}/" && args[2] == $"/home/site/wwwroot/{publishFolder}/");

        var functions = new[] { "slack", "worker", "poison" };
        foreach (var function in functions)
            Assert.Contains(Copies("Dockerfile", fromStage: false), args => args[0] == $"{function}/function.json" && args[1] == $"/home/site/wwwroot/{function}/");
        Assert.Contains(Copies("Dockerfile", fromStage: false), args => args[0] == "host.json" && args[1] == "/home/site/wwwroot/");
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
        foreach (var rule in new[] { ".env", "local.settings.json", "**/bin", "**/obj", "publish/" }) Assert.Contains(rule, rules);
    }
}
