namespace ChatOps.Core.Alerts;

/// <summary>
/// Where a notification stands in its group's history, from Alertmanager's own alert times: the latest start or end
/// it mentions, then how many of its alerts are resolved. A later notification of a group never mentions an earlier
/// latest time (alerts only start and end later), so a notification whose order is below the one shown is older and
/// must not be shown over it, however late the queue brings it.
/// </summary>
public readonly record struct AlertOrder(DateTimeOffset Latest, int Resolved) : IComparable<AlertOrder>
{
    public static AlertOrder Of(AlertNotification n) => new(
        // A firing alert's endsAt, when sent, is only Alertmanager's guess at when it would time out: not a fact.
        n.Alerts.Select(a => !a.Firing && a.EndsAt is { } end && end > a.StartsAt ? end : a.StartsAt).DefaultIfEmpty(DateTimeOffset.MinValue).Max(),
        n.Alerts.Count(a => !a.Firing));

    public int CompareTo(AlertOrder other) =>
        Latest != other.Latest ? Latest.CompareTo(other.Latest) : Resolved.CompareTo(other.Resolved);

    public static bool operator <(AlertOrder a, AlertOrder b) => a.CompareTo(b) < 0;
    public static bool operator >(AlertOrder a, AlertOrder b) => a.CompareTo(b) > 0;
    public static bool operator <=(AlertOrder a, AlertOrder b) => a.CompareTo(b) <= 0;
    public static bool operator >=(AlertOrder a, AlertOrder b) => a.CompareTo(b) >= 0;
}
