using System.Text;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Alerts;

/// <summary>Renders one alert group as a Slack message readable on a phone: the incident's state first (firing,
/// silenced or resolved; who is on it), the labels and text the group shares once, then each alert (what tells it
/// apart, its value, since when, links), then "and N more". Everything from Alertmanager is escaped; links only
/// through <see cref="Mrkdwn.Link"/>.</summary>
public static class AlertMessage
{
    private const int MaxDescription = 300;

    /// <summary>Labels the header and the summary line already say.</summary>
    private static readonly HashSet<string> Said = ["alertname", "severity"];

    public static ChatReply Render(AlertNotification n, AlertMessageRecord? kept, AlertsOptions options, DateTimeOffset now)
    {
        var name = Name(n);
        var severity = n.CommonLabels.GetValueOrDefault("severity");
        var firing = n.Alerts.Count(a => a.Firing);
        var since = kept?.FiringSince ?? FiringSince(n);
        var silenced = n.Firing && kept is { SilencedBy: not null, SilencedUntil: { } until } && until > now;
        var state = !n.Firing ? "✅ RESOLVED" : silenced ? "🔇 SILENCED" : "🔥 FIRING";
        var blocks = new List<Block>
        {
            new HeaderBlock(BlockKitLimits.Truncate($"{state}: {name}" + (severity is null ? "" : $" ({severity})"), 150)),
            new SectionBlock(Summary(n, kept, severity, firing, since, now)),
        };
        if (OnCall.AlertPageLine.For(kept?.Page, n.Firing) is { } paged) blocks.Add(new SectionBlock(paged));
        var shared = Shared(n);
        if (shared.Length > 0) blocks.Add(new SectionBlock(shared));
        // Firing alerts first: in a storm the ones still burning are what the reader needs.
        foreach (var alert in n.Alerts.OrderBy(a => a.Firing ? 0 : 1).Take(options.MaxAlertsShown)) blocks.Add(new SectionBlock(AlertText(alert, n, now)));
        var more = n.Alerts.Count - Math.Min(n.Alerts.Count, options.MaxAlertsShown) + n.TruncatedAlerts;
        var context = new List<string>();
        if (more > 0) context.Add($"_and {more} more alert{(more == 1 ? "" : "s")}_");
        if (n.ExternalUrl is { } am) context.Add(Mrkdwn.Link(am, "Alertmanager"));
        if (context.Count > 0) blocks.Add(new ContextBlock(context));
        if (Actions(n, kept, silenced) is { } actions) blocks.Add(actions);
        var fallback = OnCall.AlertPageLine.Mention(kept?.Page, n.Firing) + $"{(!n.Firing ? "RESOLVED" : silenced ? "SILENCED" : "FIRING")}: {Mrkdwn.Escape(name)}" +
                       ((n.CommonAnnotations.GetValueOrDefault("summary") ?? n.Alerts.FirstOrDefault()?.Annotation("summary")) is { } s ? " – " + Mrkdwn.Escape(s) : "");
        return new ChatReply(fallback, blocks);
    }

    /// <summary>While firing: Acknowledge, Show traces (when a service can be named), and Silence, or Unsilence once
    /// silenced from here; the runbook link whenever there is one.</summary>
    private static ActionsBlock? Actions(AlertNotification n, AlertMessageRecord? kept, bool silenced)
    {
        var groupId = n.GroupId();
        var buttons = new List<Button>();
        if (n.Firing)
        {
            buttons.Add(new Button(kept?.AckedBy is null ? "I'm on it" : "Take over", AlertActions.Acknowledge, groupId, ButtonStyle.Primary));
            if (Service(n) is not null) buttons.Add(new Button("Show traces", AlertActions.Traces, groupId));
            if (silenced && kept?.SilenceId is not null) buttons.Add(new Button("Unsilence", AlertActions.Unsilence, groupId));
        }
        var runbook = n.CommonAnnotations.GetValueOrDefault("runbook_url") ?? n.Alerts.Select(a => a.Annotation("runbook_url")).FirstOrDefault(u => u is not null);
        if (runbook is not null && Uri.TryCreate(runbook, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            buttons.Add(new Button("Runbook", AlertActions.Runbook, "runbook") { Url = runbook });
        var menus = n.Firing && !silenced
            ? new[] { new SelectMenu("Silence…", AlertActions.Silence, AlertActions.SilenceChoices.Select(c => new MenuOption(c.Label, AlertActions.SilenceValue(c.Duration, groupId))).ToList()) }
            : [];
        return buttons.Count == 0 && menus.Length == 0 ? null : new ActionsBlock(buttons) { Menus = menus };
    }

    /// <summary>Whose traces these alerts are about: a `service` (or `job`) label every alert of the group carries.</summary>
    public static string? Service(AlertNotification n) => n.CommonLabels.GetValueOrDefault("service") ?? n.CommonLabels.GetValueOrDefault("job");

    public static string Name(AlertNotification n) =>
        n.GroupLabels.GetValueOrDefault("alertname") ?? n.CommonLabels.GetValueOrDefault("alertname") ?? "alert group";

    public static DateTimeOffset FiringSince(AlertNotification n) => n.Alerts.Min(a => a.StartsAt);

    /// <summary>How long the group fired: from its first alert's start to its last alert's end.</summary>
    public static TimeSpan FiredFor(AlertNotification n, DateTimeOffset since, DateTimeOffset now)
    {
        var end = n.Alerts.Select(a => a.EndsAt ?? now).DefaultIfEmpty(now).Max();
        return end > since ? end - since : TimeSpan.Zero;
    }

    private static string Summary(AlertNotification n, AlertMessageRecord? kept, string? severity, int firing, DateTimeOffset since, DateTimeOffset now)
    {
        var text = new StringBuilder();
        if (n.Firing)
            text.Append($"*{firing} firing*").Append(n.Alerts.Count > firing ? $", {n.Alerts.Count - firing} resolved" : "")
                .Append($" · since {Times.Utc(since)} ({Times.Ago(since, now)})");
        else
            text.Append($"*Resolved* after {Span(FiredFor(n, since, now))} (fired from {Times.Utc(since)})");
        if (severity is not null) text.Append($" · severity {Mrkdwn.Code(severity)}");
        if (kept is { AckedBy: { } owner, AckedAt: { } at })
            text.Append(n.Firing ? $"\n:technologist: {Mrkdwn.User(owner)} is on it (since {Times.Utc(at)})" : $" · owner {Mrkdwn.User(owner)}");
        if (n.Firing && kept is { SilencedBy: { } by, SilencedUntil: { } until } && until > now)
            text.Append($"\n:mute: Silenced by {Mrkdwn.User(by)} until {Times.Utc(until)}");
        // Every label the alerts share (beyond the name and severity above), on one line: team, namespace, cluster…
        var common = n.CommonLabels.Where(l => !Said.Contains(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => Mrkdwn.Code($"{l.Key}={BlockKitLimits.Truncate(l.Value, 60)}")).ToList();
        if (common.Count > 0) text.Append('\n').Append(string.Join(" ", common));
        return text.ToString();
    }

    /// <summary>A summary or description every alert shares, said once rather than under each alert.</summary>
    private static string Shared(AlertNotification n)
    {
        var parts = new List<string>();
        if (SharedAnnotation(n, "summary") is { } summary) parts.Add("*" + Mrkdwn.Escape(BlockKitLimits.Truncate(summary, 200)) + "*");
        if (SharedAnnotation(n, "description") is { } description) parts.Add(Mrkdwn.Escape(BlockKitLimits.Truncate(description, MaxDescription)));
        return string.Join("\n", parts);
    }

    private static string? SharedAnnotation(AlertNotification n, string name)
    {
        if (n.CommonAnnotations.GetValueOrDefault(name) is { Length: > 0 } common) return common;
        if (n.Alerts.Count < 2) return null;
        var first = n.Alerts[0].Annotation(name);
        return first is { Length: > 0 } && n.Alerts.All(a => a.Annotation(name) == first) ? first : null;
    }

    private static string AlertText(AlertItem a, AlertNotification n, DateTimeOffset now)
    {
        var text = new StringBuilder(a.Firing ? ":red_circle: " : ":white_check_mark: ");
        var sharedSummary = SharedAnnotation(n, "summary") is not null;
        var summary = sharedSummary ? null : a.Annotation("summary");
        text.Append('*').Append(Mrkdwn.Escape(BlockKitLimits.Truncate(summary ?? a.Label("alertname") ?? "alert", 200))).Append('*');
        if (SharedAnnotation(n, "description") is null && a.Annotation("description") is { Length: > 0 } description)
            text.Append('\n').Append(Mrkdwn.Escape(BlockKitLimits.Truncate(description, MaxDescription)));
        // The labels that tell this alert from the others of its group.
        var own = a.Labels.Where(l => l.Key is not "alertname" && !n.CommonLabels.ContainsKey(l.Key)).Take(6)
            .Select(l => Mrkdwn.Code($"{l.Key}={BlockKitLimits.Truncate(l.Value, 60)}")).ToList();
        if (own.Count > 0) text.Append('\n').Append(string.Join(" ", own));
        text.Append('\n');
        if (a.Annotation("value") is { Length: > 0 } value) text.Append("value ").Append(Mrkdwn.Code(BlockKitLimits.Truncate(value, 60))).Append(" · ");
        text.Append(a.Firing ? $"since {Times.Ago(a.StartsAt, now)}" : $"resolved {Times.Ago(a.EndsAt ?? now, now)}");
        var links = new List<string>();
        if (a.GeneratorUrl is { Length: > 0 } source) links.Add(Mrkdwn.Link(source, "source"));
        if (a.Annotation("runbook_url") is { } runbook) links.Add(Mrkdwn.Link(runbook, "runbook"));
        if ((a.Annotation("dashboard_url") ?? a.Annotation("dashboard")) is { } dashboard) links.Add(Mrkdwn.Link(dashboard, "dashboard"));
        if (links.Count > 0) text.Append(" · ").Append(string.Join(" · ", links));
        return text.ToString();
    }

    private static string Span(TimeSpan d) => d < TimeSpan.FromHours(1)
        ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s"
        : $"{(int)d.TotalHours}h{d.Minutes:00}m";
}
