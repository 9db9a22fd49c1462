using DiffPlex.Renderer;

namespace ChatOps.OpsService.Config;

/// <summary>A unified diff (three lines of context) of the current file and a candidate, by DiffPlex.</summary>
public static class ConfigDiff
{
    public static string Unified(string target, string current, string candidate) =>
        current == candidate ? "" : UnidiffRenderer.GenerateUnidiff(current, candidate, $"{target} (current)", $"{target} (new)", contextLines: 3);
}
