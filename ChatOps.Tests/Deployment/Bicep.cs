using System.Text.RegularExpressions;

namespace ChatOps.Tests.Deployment;

/// <summary>Just enough reading of our Bicep files for structure tests (there is no Bicep compiler here).</summary>
internal sealed partial record Bicep(string File, string Text)
{
    public static Bicep Load(params string[] path) => new(string.Join('/', path), DeploymentFiles.Text(path));

    public sealed record Param(string Name, bool Required);

    public IReadOnlyList<Param> Params => ParamLine().Matches(Text).Select(m => new Param(m.Groups[1].Value, !m.Groups[3].Success)).ToList();

    /// <summary>The text without comments, decorators, param declarations and object keys: what "uses" a name.</summary>
    public string Body => string.Join('\n', Text.Split('\n')
        .Where(l => !l.TrimStart().StartsWith('@') && !l.TrimStart().StartsWith("param "))
        .Select(l => Regex.Replace(l, @"\s//.*$|^\s*//.*$", ""))
        .Select(l => Regex.Replace(l, @"^(\s*)\w+\s*:(?!:)", "$1"))
        .Select(l => Regex.Replace(l, @"(?<=[{,]\s*)\w+\s*:(?!:)", "")));

    public bool Uses(string name) => Regex.IsMatch(Body, $@"(?<![\w.]){Regex.Escape(name)}\b");

    public IReadOnlyList<string> ModulePaths => ModuleLine().Matches(Text).Select(m => m.Groups[1].Value).ToList();

    public IReadOnlyList<string> Outputs => Regex.Matches(Text, @"(?m)^output\s+(\w+)\s").Select(m => m.Groups[1].Value).ToList();

    /// <summary>Single-quoted string literals (without interpolations).</summary>
    public IReadOnlyList<string> Literals => Regex.Matches(Text, @"'([^'$\n]*)'").Select(m => m.Groups[1].Value).ToList();

    /// <summary>App setting names: object keys written as Name: and array entries written as name: 'Name'.</summary>
    public IReadOnlySet<string> SettingNames => Regex.Matches(Text, @"(?m)^\s*([A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9_]+|_[A-Z0-9_]+))\s*:")
        .Select(m => m.Groups[1].Value)
        .Concat(Regex.Matches(Text, @"name:\s*'([^']+)'").Select(m => m.Groups[1].Value))
        .ToHashSet();

    /// <summary>The value expression of an object-key setting (Name: value) on its line.</summary>
    public string? ValueOf(string setting) => Regex.Match(Text, $@"(?m)^\s*{Regex.Escape(setting)}\s*:\s*(.+)$") is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"(?m)^param\s+(\w+)\s+(\w+)(\s*=.*)?$")]
    private static partial Regex ParamLine();

    [GeneratedRegex(@"(?m)^module\s+\w+\s+'([^']+)'")]
    private static partial Regex ModuleLine();
}
