namespace ChatOps.Core.Alerts;

/// <summary>Section "Alerts": the Alertmanager receiver. Unset (no token and no channel), the route refuses every call.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>What Alertmanager sends as `Authorization: Bearer …` (its http_config). Secret.</summary>
    public string? WebhookToken { get; set; }

    /// <summary>Channel id for notifications no route takes.</summary>
    public string? DefaultChannel { get; set; }

    public List<AlertRoute> Routes { get; set; } = [];

    /// <summary>Alerts shown one by one in a message; the rest are "and N more".</summary>
    public int MaxAlertsShown { get; set; } = 8;

    /// <summary>How far back the alert's graph starts before the alert fired.</summary>
    public TimeSpan GraphLookback { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The largest notification accepted (a bigger Content-Length is refused before a byte is read). Big on
    /// purpose: Alertmanager's own default is max_alerts 0, no limit, and a storm must not be refused.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(WebhookToken) || !string.IsNullOrWhiteSpace(DefaultChannel) || Routes.Count > 0;
}
