using System.Text.Json;

namespace ChatOps.Core.Delivery;

/// <summary>
/// What a store keeps under a key while a delivery runs: which queue message holds it and since when. A
/// finished key holds a <see cref="Worker.DeliveryRecord"/> instead; the two are told apart by the "claim" field.
/// </summary>
public sealed record ClaimMarker(string Claim, string MessageId, DateTimeOffset Since)
{
    public const string Kind = "running";

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ClaimMarker? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<ClaimMarker>(json, Json) is { Claim: Kind, MessageId: not null } marker ? marker : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
