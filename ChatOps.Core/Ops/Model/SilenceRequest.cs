using ChatOps.Core.Alerts;

namespace ChatOps.Core.Ops.Model;

/// <summary>A silence to create: <see cref="CreatedBy"/> is the Slack user behind it.</summary>
public sealed record SilenceRequest(IReadOnlyList<LabelMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment);
