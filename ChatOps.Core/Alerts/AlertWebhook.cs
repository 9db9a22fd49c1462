using System.Security.Cryptography;
using System.Text;
using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Alerts;

/// <summary>
/// The `alertmanager` route's logic: authenticate (bearer token, constant time), read the payload, route it and
/// build the envelope for the queue. A notification too big for a queue message is kept in storage and the envelope
/// carries its name (a claim check), so no group is lost however many alerts it has. Alertmanager re-sends what was
/// not answered 2xx, and the worker's claims make a re-sent notification one message.
/// </summary>
public sealed class AlertWebhook(AlertsOptions options, AlertRouter router, IAlertMessages messages, TimeProvider clock)
{
    /// <summary>The envelope's user: no Slack user is behind a notification.</summary>
    public const string Sender = "alertmanager";

    /// <summary>What a queue message may hold: 64 KiB after the queue's base64, less a margin for the host's framing.</summary>
    public const int QueueMessageBudget = 64 * 1024 / 4 * 3 - 1024;

    public async Task<AlertAck> HandleAsync(string? authorization, ReadOnlyMemory<byte> body, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(options.WebhookToken))
            return new AlertAck(404, "the alertmanager receiver is not configured here (Alerts__WebhookToken)", null, "not_configured");
        if (!Authorized(authorization, options.WebhookToken))
            return new AlertAck(401, "missing or wrong bearer token", null, "unauthorized");
        var (notification, problem) = AlertPayload.Read(body);
        if (notification is null) return new AlertAck(400, problem!, null, "malformed");
        var key = notification.DeliveryKey();
        var envelope = new CommandEnvelope
        {
            Id = key,
            Kind = EnvelopeKind.AlertNotification,
            Source = EnvelopeSource.Alertmanager,
            ChannelId = router.ChannelFor(notification),
            UserId = Sender,
            Text = "",
            ReceivedAt = clock.GetUtcNow(),
            Alert = notification,
        };
        if (System.Text.Encoding.UTF8.GetByteCount(EnvelopeJson.Serialize(envelope)) <= QueueMessageBudget)
            return new AlertAck(200, "queued", envelope, "queued");
        // Named by the delivery key: a re-sent notification overwrites its own copy rather than adding one.
        var name = AlertBodyRef.Prefix + key;
        await messages.SaveNotificationAsync(name, notification, ct).ConfigureAwait(false);
        return new AlertAck(200, $"queued ({notification.Alerts.Count} alerts, kept in storage)", envelope with { Alert = notification.WithoutAlerts(name) },
            "queued_stored");
    }

    // Hashing both sides first makes the comparison constant-time in the length too.
    private static bool Authorized(string? header, string token)
    {
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
