using System.Security.Cryptography;
using System.Text;

namespace ChatOps.Core.Envelopes;

/// <summary>Builds <see cref="CommandEnvelope.DedupeKey"/>: a blob name, so only letters, digits, '-' and '.'.</summary>
internal static class DedupeKeys
{
    public static string For(CommandEnvelope envelope)
    {
        // The signed part only: the MAC's text could be spelled several ways (base64 padding) for one request.
        // A re-sent notification carries the same group, status and alerts: one message however often it comes.
        if (envelope.Alert is { } alert) return alert.DeliveryKey();
        // Each click on an alert message is its own act (two people may silence one group): keyed by the click.
        if (envelope.Click is { } alertClick && Alerts.AlertActions.IsOurs(alertClick.ActionId)) return Safe("alertclick-" + envelope.Id);
        if (envelope.Click is { } click) return "click-" + Hash(click.Value.LastIndexOf('.') is > 0 and var dot ? click.Value[..dot] : click.Value);
        // Slack's own ids name one request whatever environment it resolves to: a retry acknowledged after the channel
        // mapping changed resolves to another environment, and must still be the same request. (A Confirm is specific
        // to its environment through the signed token its click key hashes.)
        if (envelope.MessageTs is { } ts) return Safe($"msg-{envelope.ChannelId}-{ts}");
        return Safe("cmd-" + envelope.Id);
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..40];

    // Slack ids and ts values are already safe; anything else is replaced rather than trusted, and a
    // key that had to change gets a hash suffix so two different inputs cannot collide.
    private static string Safe(string key)
    {
        var cleaned = new string(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray());
        if (cleaned == key && key.Length <= 200) return key;
        return cleaned[..Math.Min(cleaned.Length, 150)] + "-" + Hash(key)[..16];
    }
}
