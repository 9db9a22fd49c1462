using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Functions.Configuration;

/// <summary>
/// Reads the Values of a local.settings.json, the file `func start` turns into environment
/// variables, so local mode and the command line see the same settings without the host.
/// Keys keep the app-settings spelling (Slack__BotToken) and map to configuration keys (Slack:BotToken).
/// </summary>
public static class LocalSettingsFile
{
    public const string FileName = "local.settings.json";

    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path)) return [];
        JsonObject? values;
        try
        {
            values = JsonNode.Parse(File.ReadAllText(path))?["Values"] as JsonObject;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {ex.Message}", ex);
        }
        return values is null
            ? []
            : values.Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ":"), kv.Value is JsonValue v ? v.ToString() : null));
    }
}
