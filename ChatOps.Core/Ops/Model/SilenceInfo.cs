using ChatOps.Core.Alerts;

namespace ChatOps.Core.Ops.Model;

/// <summary>An Alertmanager silence as the Ops service reports it.</summary>
public sealed record SilenceInfo(string Id, IReadOnlyList<LabelMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string CreatedBy, string Comment, string State);
