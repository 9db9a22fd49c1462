namespace ChatOps.Core.OnCall;

/// <summary>Start-up check of section OnCall: every problem of every schedule, each naming its key.</summary>
public static class OnCallSettingsCheck
{
    public static IReadOnlyList<string> Problems(OnCallOptions o) =>
        o.Schedules.SelectMany(s => OnCallSchedule.Parse(s.Key, s.Value).Problems).ToList();

    /// <summary>The alert routes' paging keys: a schedule that exists, a delay that parses, levels that name something.</summary>
    public static IReadOnlyList<string> RouteProblems(Alerts.AlertsOptions alerts, OnCallOptions o)
    {
        var problems = new List<string>();
        for (var i = 0; i < alerts.Routes.Count; i++)
        {
            var (r, key) = (alerts.Routes[i], $"Alerts__Routes__{i}");
            var paging = !string.IsNullOrWhiteSpace(r.Schedule);
            if (paging && !o.Schedules.ContainsKey(r.Schedule!.Trim()))
                problems.Add($"{key}__Schedule names no schedule under OnCall__Schedules");
            if (string.IsNullOrWhiteSpace(r.Page) || r.Page.Split(',', StringSplitOptions.TrimEntries).Any(p => p.Length == 0))
                problems.Add($"{key}__Page must list severities, like `critical` or `critical,page`");
            if (!string.IsNullOrWhiteSpace(r.EscalateAfter))
            {
                if (!paging) problems.Add($"{key}__EscalateAfter needs __Schedule: escalation starts from the person on call");
                if (!Commands.Arguments.DurationParser.TryParse(r.EscalateAfter, out var after) || after < TimeSpan.FromSeconds(1) || after > TimeSpan.FromDays(1))
                    problems.Add($"{key}__EscalateAfter must be a duration from 1s to 24h, like `5m`");
            }
            if (!string.IsNullOrWhiteSpace(r.EscalateTo))
            {
                if (string.IsNullOrWhiteSpace(r.EscalateAfter)) problems.Add($"{key}__EscalateTo needs __EscalateAfter (how long each level has to acknowledge)");
                if (EscalationLevel.ParseList(r.EscalateTo, o).Problem is { } problem) problems.Add($"{key}__EscalateTo: {problem}");
            }
        }
        return problems;
    }
}
