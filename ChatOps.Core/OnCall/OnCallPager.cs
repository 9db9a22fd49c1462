using ChatOps.Core.Alerts;

namespace ChatOps.Core.OnCall;

/// <summary>Whether an alert group's new episode pages, and whom: its route's schedule, when a firing alert's severity is
/// one the route pages for. The person comes from the schedule (configuration and overrides), never from the alert.</summary>
public sealed class OnCallPager(AlertRouter router, OnCallRoster roster)
{
    public async Task<AlertPage?> PageAsync(AlertNotification n, CancellationToken ct = default)
    {
        if (!n.Firing || router.RouteFor(n) is not { Schedule: { Length: > 0 } schedule } route || !Pages(route, n)) return null;
        if (await roster.NowAsync(schedule.Trim(), ct).ConfigureAwait(false) is not { } now) return null;
        return new AlertPage(now.Schedule.Name, now.User is { } user ? [user] : [], [], 1);
    }

    /// <summary>True when a firing alert of the group (or the group's common labels) has a severity the route pages for.</summary>
    public static bool Pages(AlertRoute route, AlertNotification n)
    {
        var severities = route.Page.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (n.CommonLabels.GetValueOrDefault("severity") is { } common && severities.Contains(common))
               || n.Alerts.Any(a => a.Firing && a.Label("severity") is { } s && severities.Contains(s));
    }
}
