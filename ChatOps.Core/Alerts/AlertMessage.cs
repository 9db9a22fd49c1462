using System.Text;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Alerts;

/// <summary>Renders one alert group as a Slack message readable on a phone: status and severity first, then each
/// alert (summary, description, the labels that tell them apart, since when, links), then "and N more".
/// Everything from Alertmanager is escaped; links only through <see cref="Mrkdwn.Link"/>.</summary>
public static class AlertMessage
{
    private const int MaxDescription = 300;

    public static ChatReply Render(AlertNotification n, AlertMessageRecord? kept, AlertsOptions options, DateTimeOffset now)
    {
        var name = Name(n);
        var severity = n.CommonLabels.GetValueOrDefault("severity");
        var firing = n.Alerts.Count(a => a.Firing);
        var since = kept?.FiringSince ?? FiringSince(n);
        var blocks = new List<Block>
        {
            new HeaderBlock($"{(n.Firing ? "🔥 FIRING" : "✅ RESOLVED")}: {name}" + (severity is null ? "" : $" ({severity})")),
            new SectionBlock(Summary(n, severity, firing, since, now)),
        };
        // Firing alerts first: in a storm the ones still burning are what the reader needs.
        foreach (var alert in n.Alerts.OrderBy(a => a.Firing ? 0 : 1).Take(options.MaxAlertsShown)) blocks.Add(new SectionBlock(AlertText(alert, n, now)));
        var more = n.Alerts.Count - Math.Min(n.Alerts.Count, options.MaxAlertsShown) + n.TruncatedAlerts;
        var context = new List<string>();
        if (more > 0) context.Add($"_and {more} more alert{(more == 1 ? "" : "s")}_");
        if (kept is { SilencedBy: { } by, SilencedUntil: { } until })
            context.Add($":mute: Silenced by {Mrkdwn.User(by)} until {Times.Utc(until)}");
        if (n.ExternalUrl is { } am) context.Add(Mrkdwn.Link(am, "Alertmanager"));
        if (context.Count > 0) blocks.Add(new ContextBlock(context));
        if (Actions(n) is { } actions) blocks.Add(actions);
        var fallback = $"{(n.Firing ? "FIRING" : "RESOLVED")}: {Mrkdwn.Escape(name)}" +
                       ((n.Alerts.FirstOrDefault()?.Annotation("summary") ?? n.CommonAnnotations.GetValueOrDefault("summary")) is { } s ? " – " + Mrkdwn.Escape(s) : "");
        return new ChatReply(fallback, blocks);
    }

    /// <summary>Silence menu and Show traces while firing; the runbook link whenever there is one.</summary>
    private static ActionsBlock? Actions(AlertNotification n)
    {
        var groupId = n.GroupId();
        var buttons = new List<Button>();
        if (n.Firing) buttons.Add(new Button("Show traces", AlertActions.Traces, groupId));
        var runbook = n.CommonAnnotations.GetValueOrDefault("runbook_url") ?? n.Alerts.Select(a => a.Annotation("runbook_url")).FirstOrDefault(u => u is not null);
        if (runbook is not null && Uri.TryCreate(runbook, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            buttons.Add(new Button("Runbook", AlertActions.Runbook, "runbook") { Url = runbook });
        var menus = n.Firing
            ? new[] { new SelectMenu("Silence…", AlertActions.Silence, AlertActions.SilenceChoices.Select(c => new MenuOption(c.Label, AlertActions.SilenceValue(c.Duration, groupId))).ToList()) }
            : [];
        return buttons.Count == 0 && menus.Length == 0 ? null : new ActionsBlock(buttons) { Menus = menus };
    }

    public static string Name(AlertNotification n) =>
        n.GroupLabels.GetValueOrDefault("alertname") ?? n.CommonLabels.GetValueOrDefault("alertname") ?? "alert group";

    public static DateTimeOffset FiringSince(AlertNotification n) => n.Alerts.Min(a => a.StartsAt);

    /// <summary>How long the group fired: from its first alert's start to its last alert's end.</summary>
    public static TimeSpan FiredFor(AlertNotification n, DateTimeOffset since, DateTimeOffset now)
    {
        var end = n.Alerts.Select(a => a.EndsAt ?? now).DefaultIfEmpty(now).Max();
        return end > since ? end - since : TimeSpan.Zero;
    }

    private static string Summary(AlertNotification n, string? severity, int firing, DateTimeOffset since, DateTimeOffset now)
    {
        var text = new StringBuilder();
        if (n.Firing)
            text.Append($"*{firing} firing*").Append(n.Alerts.Count > firing ? $", {n.Alerts.Count - firing} resolved" : "")
                .Append($" · since {Times.Utc(since)} ({Times.Ago(since, now)})");
        else
            text.Append($"*Resolved* after {Span(FiredFor(n, since, now))} (fired from {Times.Utc(since)})");
        if (severity is not null) text.Append($" · severity {Mrkdwn.Code(severity)}");
        var groupBy = n.GroupLabels.Where(l => l.Key != "alertname").Select(l => Mrkdwn.Code($"{l.Key}={l.Value}")).ToList();
        if (groupBy.Count > 0) text.Append('\n').Append(string.Join(" ", groupBy));
        return text.ToString();
    }

    private static string AlertText(AlertItem a, AlertNotification n, DateTimeOffset now)
    {
        var text = new StringBuilder(a.Firing ? ":red_circle: " : ":white_check_mark: ");
        var summary = a.Annotation("summary") ?? a.Label("alertname") ?? "alert";
        text.Append('*').Append(Mrkdwn.Escape(BlockKitLimits.Truncate(summary, 200))).Append('*');
        if (a.Annotation("description") is { Length: > 0 } description)
            text.Append('\n').Append(Mrkdwn.Escape(BlockKitLimits.Truncate(description, MaxDescription)));
        // The labels that tell this alert from the others of its group.
        var own = a.Labels.Where(l => l.Key is not "alertname" && !n.CommonLabels.ContainsKey(l.Key)).Take(6)
            .Select(l => Mrkdwn.Code($"{l.Key}={BlockKitLimits.Truncate(l.Value, 60)}")).ToList();
        if (own.Count > 0) text.Append('\n').Append(string.Join(" ", own));
        text.Append('\n').Append(a.Firing ? $"since {Times.Ago(a.StartsAt, now)}" : $"resolved {Times.Ago(a.EndsAt ?? now, now)}");
        var links = new List<string>();
        if (a.GeneratorUrl is { } source) links.Add(Mrkdwn.Link(source, "source"));
        if (a.Annotation("runbook_url") is { } runbook) links.Add(Mrkdwn.Link(runbook, "runbook"));
        if ((a.Annotation("dashboard_url") ?? a.Annotation("dashboard")) is { } dashboard) links.Add(Mrkdwn.Link(dashboard, "dashboard"));
        if (links.Count > 0) text.Append(" · ").Append(string.Join(" · ", links));
        return text.ToString();
    }

    private static string Span(TimeSpan d) => d < TimeSpan.FromHours(1)
        ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s"
        : $"{(int)d.TotalHours}h{d.Minutes:00}m";
}
