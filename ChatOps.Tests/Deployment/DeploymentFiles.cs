using System.Text.Json.Nodes;
using ChatOps.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace ChatOps.Tests.Deployment;

/// <summary>Reads the deployment files at the repo root: YAML as nodes, JSON, plain text.</summary>
internal static class DeploymentFiles
{
    public static string PathOf(params string[] path) => Path.Combine([RepoRoot.Path, .. path]);

    public static string Text(params string[] path) => File.ReadAllText(PathOf(path));

    public static JsonNode Json(params string[] path) => JsonNode.Parse(Text(path))!;

    public static YamlMappingNode Yaml(params string[] path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Text(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node.Get(key) as YamlMappingNode ?? throw new KeyNotFoundException($"no mapping '{key}'");

    public static IReadOnlyList<YamlNode> Seq(this YamlNode node, string key) =>
        node.Get(key) is YamlSequenceNode seq ? seq.Children.ToList() : [];

    public static string? Str(this YamlNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<string> Strings(this YamlNode node, string key) =>
        node.Seq(key).OfType<YamlScalarNode>().Select(s => s.Value!).ToList();

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode map) =>
        map.Children.Select(kv => (((YamlScalarNode)kv.Key).Value!, kv.Value));

    /// <summary>The Values keys of the function app's local.settings.sample.json: the settings a developer fills in.</summary>
    public static IReadOnlyList<string> SampleSettingKeys() =>
        Json(FunctionAppContract.ProjectFolder, "local.settings.sample.json")["Values"]!.AsObject().Select(kv => kv.Key).ToList();

    /// <summary>The function app's host.json (in the project folder, where `func start` runs).</summary>
    public static JsonNode HostJson() => Json(FunctionAppContract.ProjectFolder, "host.json");
}
