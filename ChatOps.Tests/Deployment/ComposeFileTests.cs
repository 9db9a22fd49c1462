using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChatOps.Tests.Deployment;

/// <summary>docker-compose.yml: pinned images, paths that exist, and services that point at each other
/// with the names and ports the other side really uses.</summary>
public sealed partial class ComposeFileTests
{
    private static readonly YamlMappingNode Compose = DeploymentFiles.Yaml("docker-compose.yml");
    private static YamlMappingNode Services => Compose.Map("services");
    private static YamlNode Service(string name) => Services.Map(name);

    private static IReadOnlyDictionary<string, string> Env(string service) =>
        Service(service).Map("environment").Entries().ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? "");

    /// <summary>Each "host:container" or "ip:host:container" port, as (host port, container port).</summary>
    private static IEnumerable<(int Host, int Container)> Ports(string service) =>
        Service(service).Strings("ports").Select(p => p.Split(':')).Select(p => (int.Parse(p[^2]), int.Parse(p[^1])));

    private static int PortOf(string url) => new Uri(url).Port;

    [Theory]
    [InlineData("azurite")]
    [InlineData("prometheus")]
    [InlineData("jaeger")]
    [InlineData("grafana")]
    [InlineData("ops-service")]
    [InlineData("functions")]
    public void TheDemoStack_HasItsServices(string service) => Assert.NotNull(Services.Get(service));

    [Fact]
    public void EveryImage_HasAPinnedTag_NeverLatest()
    {
        foreach (var (name, service) in Services.Entries())
        {
            var image = service.Str("image");
            Assert.False(string.IsNullOrEmpty(image), $"{name} names no image (a built one needs a local tag too)");
            var tag = image!.Contains(':') && image.LastIndexOf(':') > image.LastIndexOf('/') ? image[(image.LastIndexOf(':') + 1)..] : "";
            Assert.False(tag is "" or "latest", $"{name}: {image} is not pinned");
            if (service.Get("build") is null) Assert.True(VersionTag().IsMatch(tag), $"{name}: {image} should carry a version, not a moving name");
        }
    }

    [Fact]
    public void BuiltImages_UseDockerfilesThatExist()
    {
        foreach (var (name, service) in Services.Entries().Where(s => s.Value.Get("build") is not null))
        {
            var build = service.Map("build");
            var context = DeploymentFiles.PathOf(build.Str("context") ?? ".");
            Assert.True(Directory.Exists(context), $"{name}: build context {context} missing");
            Assert.True(File.Exists(Path.Combine(context, build.Str("dockerfile") ?? "Dockerfile")), $"{name}: Dockerfile missing");
        }
    }

    [Fact]
    public void Volumes_AreRepoPathsThatExist_OrDeclaredNamedVolumes()
    {
        var named = Compose.Map("volumes").Entries().Select(e => e.Key).ToHashSet();
        foreach (var (name, service) in Services.Entries())
        {
            foreach (var volume in service.Strings("volumes"))
            {
                var source = volume.Split(':')[0];
                if (source.StartsWith('.'))
                    Assert.True(File.Exists(DeploymentFiles.PathOf(source)) || Directory.Exists(DeploymentFiles.PathOf(source)), $"{name}: {source} does not exist");
                else
                    Assert.True(named.Contains(source), $"{name}: volume {source} is not declared under volumes:");
            }
        }
    }

    [Fact]
    public void HostPorts_AreUnique_AndOnLoopbackOnly()
    {
        var all = Services.Entries().SelectMany(s => s.Value.Strings("ports").Select(p => (s.Key, Port: p))).ToList();
        Assert.NotEmpty(all);
        Assert.All(all, p => Assert.StartsWith("127.0.0.1:", p.Port));
        var hostPorts = all.Select(p => p.Port.Split(':')[1]).ToList();
        Assert.Equal(hostPorts.Count, hostPorts.Distinct().Count());
    }

    [Fact]
    public void DependsOn_NamesServicesThatExist()
    {
        foreach (var (name, service) in Services.Entries())
        {
            var needs = service.Get("depends_on") switch
            {
                YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value!),
                YamlMappingNode map => map.Entries().Select(e => e.Key),
                _ => [],
            };
            foreach (var other in needs) Assert.True(Services.Get(other) is not null, $"{name} depends on unknown {other}");
        }
    }

    [Fact]
    public void FunctionApp_RunsTheIsolatedWorkerOnAzurite_ThroughPortsAzuritePublishes()
    {
        var env = Env("functions");
        Assert.Equal("dotnet-isolated", env["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("Dockerfile", Service("functions").Map("build").Str("dockerfile")); // the isolated host image
        var storage = env["AzureWebJobsStorage"];
        Assert.Contains("AccountName=devstoreaccount1", storage);
        var azuritePorts = Ports("azurite").Select(p => p.Container).ToHashSet();
        foreach (var endpoint in new[] { "BlobEndpoint", "QueueEndpoint" })
        {
            var url = Regex.Match(storage, endpoint + "=([^;]+)").Groups[1].Value;
            Assert.Equal("azurite", new Uri(url).Host);
            Assert.Contains(PortOf(url), azuritePorts);
        }
        // The dotnet-isolated host image listens on 80; /api/slack is reached through it. The app's own Blob
        // and Queue clients read the same connection string, so the dedupe container is on Azurite too.
        Assert.Contains(Ports("functions"), p => p.Container == 80);
    }

    [Theory]
    [InlineData("Slack__SigningSecret", "SLACK_SIGNING_SECRET")]
    [InlineData("Slack__BotToken", "SLACK_BOT_TOKEN")]
    [InlineData("Confirmations__HmacKey", "CONFIRMATIONS_HMAC_KEY")]
    public void Secrets_ComeFromTheDotEnvFile_NeverFromTheComposeFile(string setting, string variable)
    {
        Assert.StartsWith("${" + variable + ":?", Env("functions")[setting]);
        Assert.Contains(DeploymentFiles.Text(".env.example").Split('\n'), l => l.StartsWith(variable + "="));
        Assert.Contains(".env", File.ReadAllLines(DeploymentFiles.PathOf(".gitignore")));
    }

    [Fact]
    public void FunctionApp_CallsTheOpsService_OnThePortItListensOn()
    {
        var endpoint = new Uri(Env("functions")["Ops__Endpoint"]);
        Assert.Equal("ops-service", endpoint.Host);
        Assert.Equal(PortOf(Env("ops-service")["OpsService__Listen"]), endpoint.Port);
    }

    [Fact]
    public void OpsService_ReachesPrometheusAndJaeger_ByServiceName()
    {
        var env = Env("ops-service");
        Assert.Equal("prometheus", new Uri(env["OpsService__PrometheusUrl"]).Host);
        Assert.Equal(9090, PortOf(env["OpsService__PrometheusUrl"]));
        Assert.Equal("jaeger", new Uri(env["OpsService__JaegerUrl"]).Host);
        Assert.Contains(Ports("jaeger"), p => p.Container == PortOf(env["OpsService__JaegerUrl"]));
    }

    [Fact]
    public void Jaeger_ReadsTheSamplingFile_TheOpsServiceWrites_FromOneSharedVolume()
    {
        var samplingFile = Env("ops-service")["OpsService__SamplingFile"];
        var opsMount = Service("ops-service").Strings("volumes").Select(v => v.Split(':')).Single(v => samplingFile.StartsWith(v[1] + "/"));
        var command = string.Join(' ', Service("jaeger").Strings("command"));
        var jaegerFile = Regex.Match(command, "--sampling.strategies-file=(\\S+)").Groups[1].Value;
        Assert.Matches("--sampling.strategies-reload-interval=\\d+s", command);
        var jaegerMount = Service("jaeger").Strings("volumes").Select(v => v.Split(':')).Single(v => jaegerFile.StartsWith(v[1] + "/"));
        Assert.Equal(opsMount[0], jaegerMount[0]);
        Assert.Equal(Path.GetFileName(samplingFile), Path.GetFileName(jaegerFile));
        var seed = DeploymentFiles.Json("deploy", "compose", "jaeger", Path.GetFileName(samplingFile));
        Assert.Equal("probabilistic", (string?)seed["default_strategy"]!["type"]);
    }

    [Fact]
    public void Prometheus_ScrapesTheOpsService_AndLoadsTheDemoAlerts()
    {
        var volumes = Service("prometheus").Strings("volumes").Select(v => v.Split(':')).ToList();
        var configFile = volumes.Single(v => v[1] == "/etc/prometheus/prometheus.yml")[0];
        var config = DeploymentFiles.Yaml(configFile);
        var rules = config.Strings("rule_files").Single();
        Assert.Equal("./deploy/local/alerts.yml", volumes.Single(v => v[1] == "/etc/prometheus/" + rules)[0]);

        var jobs = config.Seq("scrape_configs").ToDictionary(j => j.Str("job_name")!, j => j.Seq("static_configs").SelectMany(s => s.Strings("targets")).ToList());
        Assert.Contains($"ops-service:{PortOf(Env("ops-service")["OpsService__MetricsListen"])}", jobs["chatops-ops"]);
        foreach (Match job in Regex.Matches(DeploymentFiles.Text("deploy", "local", "alerts.yml"), "job=\"([^\"]+)\""))
            Assert.True(jobs.ContainsKey(job.Groups[1].Value), $"alerts.yml watches job {job.Groups[1].Value}, which compose's Prometheus does not scrape");
    }

    [Fact]
    public void Grafana_HasThePrometheusDataSource_AndTheDashboardTheGraphShortcutShows()
    {
        var source = DeploymentFiles.Yaml("deploy", "compose", "grafana", "provisioning", "datasources", "prometheus.yml").Seq("datasources").Single();
        Assert.Equal("http://prometheus:9090", source.Str("url"));
        var provider = DeploymentFiles.Yaml("deploy", "compose", "grafana", "provisioning", "dashboards", "chatops.yml").Seq("providers").Single();
        var dashboardsMount = Service("grafana").Strings("volumes").Select(v => v.Split(':')).Single(v => v[1] == provider.Map("options").Str("path"));
        var dashboardFile = Directory.GetFiles(DeploymentFiles.PathOf(dashboardsMount[0]), "*.json").Single();
        var dashboard = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dashboardFile))!;
        foreach (var panel in dashboard["panels"]!.AsArray())
            Assert.Equal(source.Str("uid"), (string?)panel!["datasource"]!["uid"]);

        var shortcut = Env("functions").Single(e => e.Key.StartsWith("Graphs__Shortcuts__") && e.Key.EndsWith("__Url")).Value;
        Assert.Contains($"/d-solo/{(string?)dashboard["uid"]}/", shortcut);
        Assert.StartsWith(Env("functions")["Graphs__Grafana__Url"] + "/", shortcut);
    }

    [GeneratedRegex(@"^v?\d+(\.\d+)+")]
    private static partial Regex VersionTag();
}
