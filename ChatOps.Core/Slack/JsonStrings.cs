using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOps.Core.Slack;

/// <summary>
/// System.Text.Json parses `"\ud800"` (a lone surrogate escape) but throws when the string is read, which
/// would surface deep inside a reader as a 500 that Slack retries. One pass over the parsed tree, linear in
/// its size, finds such strings up front so the request is refused as malformed instead.
/// </summary>
internal static class JsonStrings
{
    public static bool AllReadable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    if (!AllReadable(child)) return false;
                return true;
            case JsonArray array:
                foreach (var child in array)
                    if (!AllReadable(child)) return false;
                return true;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    _ = value.GetValue<string>();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            default:
                return true;
        }
    }
}
