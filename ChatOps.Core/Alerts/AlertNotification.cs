using System.Security.Cryptography;
using System.Text;

namespace ChatOps.Core.Alerts;

/// <summary>One Alertmanager webhook notification (payload version 4): one alert group, as it stands now.
/// Only what the message needs is kept; it travels on the queue inside the envelope.</summary>
public sealed record AlertNotification
{
    public required string GroupKey { get; init; }

    /// <summary>"firing" or "resolved": resolved only when every alert of the group is.</summary>
    public required string Status { get; init; }

    public required string Receiver { get; init; }
    public IReadOnlyDictionary<string, string> GroupLabels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CommonLabels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CommonAnnotations { get; init; } = new Dictionary<string, string>();
    public string? ExternalUrl { get; init; }

    /// <summary>Alerts Alertmanager left out of the payload (its max_alerts).</summary>
    public int TruncatedAlerts { get; init; }

    public required IReadOnlyList<AlertItem> Alerts { get; init; }

    /// <summary>Set when <see cref="Alerts"/> did not fit a queue message and is kept in storage (then empty here).</summary>
    public AlertBodyRef? Stored { get; init; }

    public bool Firing => Status == "firing";

    /// <summary>The same for a re-sent notification, different when anything a reader sees changed: the group,
    /// its status, and each alert's fingerprint, status and times. Alertmanager re-sends on failure and on
    /// repeat_interval; both are one message.</summary>
    public string DeliveryKey()
    {
        if (Stored is { } stored) return stored.DeliveryKey;
        var text = new StringBuilder(GroupKey).Append('\n').Append(Status);
        foreach (var a in Alerts.OrderBy(a => a.Fingerprint, StringComparer.Ordinal).ThenBy(a => a.StartsAt))
            text.Append('\n').Append(a.Fingerprint).Append('|').Append(a.Status).Append('|').Append(a.StartsAt.ToUnixTimeMilliseconds())
                .Append('|').Append(a.EndsAt?.ToUnixTimeMilliseconds());
        return "alert-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..40];
    }

    /// <summary>This notification without its alerts, which wait in storage under <paramref name="name"/>.</summary>
    public AlertNotification WithoutAlerts(string name) => this with { Alerts = [], Stored = new AlertBodyRef(name, DeliveryKey(), Alerts.Count) { Order = AlertOrder.Of(this) } };

    /// <summary>The blob name that keeps this group's message: groupKeys are long and free text.</summary>
    public string GroupId() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GroupKey)))[..40];
}
