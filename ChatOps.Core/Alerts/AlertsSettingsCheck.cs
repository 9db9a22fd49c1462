namespace ChatOps.Core.Alerts;

/// <summary>Start-up check of section Alerts, naming keys, never values. Using the receiver at all (any Alerts
/// setting) needs the token: Alertmanager signs nothing, so without it anyone could post into on-call channels.</summary>
public static class AlertsSettingsCheck
{
    public static IReadOnlyList<string> Problems(AlertsOptions o)
    {
        var problems = new List<string>();
        if (!o.Enabled) return problems;
        if (string.IsNullOrWhiteSpace(o.WebhookToken))
            problems.Add("Alerts__WebhookToken is missing: the alertmanager route is configured but cannot authenticate Alertmanager " +
                         "(set the same value as the bearer token in Alertmanager's http_config, 32+ random characters)");
        else if (o.WebhookToken.TrimStart().StartsWith('<'))
            problems.Add("Alerts__WebhookToken still holds the sample's <placeholder>");
        else if (o.WebhookToken.Trim().Length < 16)
            problems.Add("Alerts__WebhookToken is too short: use at least 16 random characters");
        if (string.IsNullOrWhiteSpace(o.DefaultChannel))
            problems.Add("Alerts__DefaultChannel is missing (the channel id, C…, for alerts no route takes)");
        else if (!IsChannel(o.DefaultChannel))
            problems.Add("Alerts__DefaultChannel must be a channel id such as C0123ABCD (not a #name)");
        for (var i = 0; i < o.Routes.Count; i++)
        {
            var r = o.Routes[i];
            var key = $"Alerts__Routes__{i}";
            if (string.IsNullOrWhiteSpace(r.Channel) || !IsChannel(r.Channel))
                problems.Add($"{key}__Channel must be a channel id such as C0123ABCD");
            if (string.IsNullOrWhiteSpace(r.Receiver) && string.IsNullOrWhiteSpace(r.Matchers))
                problems.Add($"{key} needs __Receiver or __Matchers (or both); as it is it would take every alert");
            if (!string.IsNullOrWhiteSpace(r.Matchers) && LabelMatcher.ParseList(r.Matchers) is { Problem: { } problem })
                problems.Add($"{key}__Matchers: {problem}");
        }
        if (o.MaxBodyBytes is < 65_536 or > 64 * 1024 * 1024) problems.Add("Alerts__MaxBodyBytes must be from 65536 to 67108864");
        if (o.MaxAlertsShown is < 1 or > 20) problems.Add("Alerts__MaxAlertsShown must be from 1 to 20");
        if (o.GraphLookback <= TimeSpan.Zero || o.GraphLookback > TimeSpan.FromDays(7))
            problems.Add("Alerts__GraphLookback must be between 00:00:01 and 7.00:00:00");
        return problems;
    }

    private static bool IsChannel(string id) =>
        id.Length is >= 2 and <= 32 && id[0] is 'C' or 'G' && id.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
