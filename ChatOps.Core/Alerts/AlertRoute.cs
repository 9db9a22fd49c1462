namespace ChatOps.Core.Alerts;

/// <summary>One entry of Alerts__Routes__N: notifications for <see cref="Receiver"/> (when set) whose common labels
/// match every one of <see cref="Matchers"/> (when set) go to <see cref="Channel"/>. The first route that fits wins.</summary>
public sealed class AlertRoute
{
    public string? Receiver { get; set; }

    /// <summary>Comma-separated, as Alertmanager writes them: severity=critical,team=~db|storage.</summary>
    public string? Matchers { get; set; }

    public string? Channel { get; set; }
}
