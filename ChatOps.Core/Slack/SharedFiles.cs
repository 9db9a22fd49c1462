using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOps.Core.Slack;

/// <summary>What a message that shares a file asks for: `push config &lt;target&gt;` with one file becomes
/// `config push &lt;target&gt; &lt;file-id&gt;`; a file shared in a DM with no text asks which target (`config targets`).
/// Any other text is the command it says, and the file is not read.</summary>
public static partial class SharedFiles
{
    /// <summary>The argument `config targets` gets from a bare file share, so its answer asks which target the file is for
    /// (typed, the command only lists them).</summary>
    public const string ForSharedFile = "for-shared-file";

    public static string CommandText(string plain, JsonArray? files, bool directMessage)
    {
        var ids = (files ?? []).OfType<JsonObject>().Select(f => SlackRequestHandler.Str(f, "id")).OfType<string>().ToList();
        var push = PushConfig().Match(plain.Trim());
        if (push.Success)
        {
            // No file (or several): `config push <target>` alone answers with how to share one file.
            return ids.Count == 1 ? $"config push {push.Groups["target"].Value} {ids[0]}" : $"config push {push.Groups["target"].Value}";
        }
        if (plain.Trim().Length == 0 && directMessage && ids.Count > 0) return "config targets " + ForSharedFile;
        return plain;
    }

    [GeneratedRegex(@"^push\s+config\s+(?<target>\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PushConfig();
}
