namespace ChatOps.Core.Envelopes;

/// <summary>On an envelope that pages one level of an alert group's episode: the on-call person's DM (level 1), then each
/// escalation level after the route's delay. The episode is the record's firing start, so a step of an episode that is
/// over (resolved, fired again) does nothing.</summary>
public sealed record AlertEscalation(string GroupId, DateTimeOffset Episode, int Level);
