namespace ChatOps.Core.Alerts;

/// <summary>Which channel a notification goes to: the first route whose receiver and matchers fit, else the default.</summary>
public sealed class AlertRouter(AlertsOptions options)
{
    private readonly IReadOnlyList<(AlertRoute Route, IReadOnlyList<LabelMatcher> Matchers)> _routes = options.Routes
        .Select(r => (r, string.IsNullOrWhiteSpace(r.Matchers) ? [] : LabelMatcher.ParseList(r.Matchers).Matchers ?? []))
        .ToList();

    public string ChannelFor(AlertNotification notification)
    {
        foreach (var (route, matchers) in _routes)
        {
            if (!string.IsNullOrWhiteSpace(route.Receiver) && route.Receiver != notification.Receiver) continue;
            // Common labels: what every alert of the group shares (group labels are among them).
            if (matchers.All(m => m.Matches(notification.CommonLabels))) return route.Channel!;
        }
        return options.DefaultChannel!;
    }

    /// <summary>The route that takes the notification (the same one <see cref="ChannelFor"/> picks); null for the default channel.</summary>
    public AlertRoute? RouteFor(AlertNotification notification) => _routes
        .Where(r => string.IsNullOrWhiteSpace(r.Route.Receiver) || r.Route.Receiver == notification.Receiver)
        .FirstOrDefault(r => r.Matchers.All(m => m.Matches(notification.CommonLabels))).Route;
}
