using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.Core.Replies;

/// <summary>A rendered reply as JSON, to keep it while Slack makes us wait (files included, as base64).</summary>
public static class ReplyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers = { BlockKinds },
        },
    };

    public static string Serialize(ChatReply reply, bool replaceOriginal) =>
        JsonSerializer.Serialize(new Stored(reply, replaceOriginal), Options);

    public static (ChatReply Reply, bool ReplaceOriginal)? TryDeserialize(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Stored>(json, Options) is { Reply: { } reply } stored ? (reply, stored.ReplaceOriginal) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Block is abstract: name each kind, so the stored reply comes back with the same blocks.
    private static void BlockKinds(System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        if (info.Type != typeof(Block)) return;
        info.PolymorphismOptions = new System.Text.Json.Serialization.Metadata.JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            DerivedTypes =
            {
                new(typeof(HeaderBlock), "header"),
                new(typeof(SectionBlock), "section"),
                new(typeof(ContextBlock), "context"),
                new(typeof(DividerBlock), "divider"),
                new(typeof(TableBlock), "table"),
                new(typeof(ActionsBlock), "actions"),
            },
        };
    }

    private sealed record Stored(ChatReply Reply, bool ReplaceOriginal);
}
