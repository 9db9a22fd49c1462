using System.Text.Json;

namespace ChatOps.Core.Worker;

/// <summary>
/// What the worker stores under an envelope's dedupe key once it has answered it for good: a later
/// delivery of the same key (Slack retry, queue redelivery, a second click) finds it and runs nothing.
/// </summary>
/// <param name="Decision">What happened: answered, confirmed, cancelled, expired, rate_limited, too_long...</param>
/// <param name="User">Who did it (for a click: who confirmed or cancelled).</param>
public sealed record DeliveryRecord(string Key, string CommandId, string Decision, string User, DateTimeOffset At)
{
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Null for null, empty or unreadable text: an unreadable record must not block a command
    /// forever, and the blob binding hands over whatever the blob holds.</summary>
    public static DeliveryRecord? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var record = JsonSerializer.Deserialize<DeliveryRecord>(json, Json);
            return record is { Key: not null, CommandId: not null, Decision: not null, User: not null } ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
