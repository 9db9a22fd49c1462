namespace ChatOps.Core.Alerts;

/// <summary>One entry of Alerts__Routes__N: notifications for <see cref="Receiver"/> (when set) whose common labels
/// match every one of <see cref="Matchers"/> (when set) go to <see cref="Channel"/>. The first route that fits wins.</summary>
public sealed class AlertRoute
{
    public string? Receiver { get; set; }

    /// <summary>Comma-separated, as Alertmanager writes them: severity=critical,team=~db|storage.</summary>
    public string? Matchers { get; set; }

    public string? Channel { get; set; }

    /// <summary>The on-call schedule (OnCall__Schedules__&lt;name&gt;) whose person a paging alert of this route mentions and DMs.</summary>
    public string? Schedule { get; set; }

    /// <summary>Severities that page, comma-separated; the others are posted without a mention.</summary>
    public string Page { get; set; } = "critical";

    /// <summary>How long a paging alert may go unacknowledged before the next level is paged (`5m`); unset: never.</summary>
    public string? EscalateAfter { get; set; }

    /// <summary>The levels after the on-call person, comma-separated, each paged after <see cref="EscalateAfter"/>:
    /// `next` (the next person in the rotation), another schedule's name, or a user group id (S…).</summary>
    public string? EscalateTo { get; set; }
}
