namespace ChatOps.Core.Alerts;

/// <summary>The action_ids on an alert message and what their values carry: the group (by id, so values stay
/// within Slack's 150 characters for options) and, for Silence, the duration chosen.</summary>
public static class AlertActions
{
    public const string Silence = "chatops.alert.silence";
    public const string Traces = "chatops.alert.traces";

    /// <summary>"I'm on it": the clicker owns the incident (shown on the message, audited); a second person takes over.</summary>
    public const string Acknowledge = "chatops.alert.ack";

    /// <summary>Ends the silence made from the message.</summary>
    public const string Unsilence = "chatops.alert.unsilence";

    /// <summary>The runbook link button: Slack opens the URL and sends a click, which is acked and dropped.</summary>
    public const string Runbook = "chatops.alert.runbook";

    public static readonly IReadOnlyList<(string Label, TimeSpan Duration)> SilenceChoices =
        [("Silence 1h", TimeSpan.FromHours(1)), ("Silence 4h", TimeSpan.FromHours(4)), ("Silence 24h", TimeSpan.FromHours(24))];

    /// <summary>Clicks the worker handles (the runbook link needs nothing).</summary>
    public static bool IsOurs(string? actionId) => actionId is Silence or Traces or Acknowledge or Unsilence;

    public static string SilenceValue(TimeSpan duration, string groupId) => $"{(int)duration.TotalHours}h|{groupId}";

    /// <summary>The group id and, for Silence, a duration that is one of the menu's; null when the value is not one we wrote.</summary>
    public static (string GroupId, TimeSpan? Duration)? Read(string actionId, string value)
    {
        if (actionId is Traces or Acknowledge or Unsilence) return IsGroupId(value) ? (value, null) : null;
        var bar = value.IndexOf('|');
        if (bar < 0 || !IsGroupId(value[(bar + 1)..])) return null;
        var hours = int.TryParse(value[..bar].TrimEnd('h'), out var h) ? TimeSpan.FromHours(h) : TimeSpan.Zero;
        return SilenceChoices.Any(c => c.Duration == hours) ? (value[(bar + 1)..], hours) : null;
    }

    private static bool IsGroupId(string text) => text.Length == 40 && text.All(char.IsAsciiHexDigitLower);
}
