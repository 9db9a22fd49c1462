namespace ChatOps.Core.Envelopes;

/// <summary>On an envelope that pages one level of an alert group's episode: the on-call person's DM (level 1), then each
/// escalation level after the route's delay. The episode is the record's firing start, so a step of an episode that is
/// over (resolved, fired again) does nothing.</summary>
/// <param name="Alert">The alert's name, for a step that fails for good to say which page it could not complete.</param>
/// <param name="Waits">How often the step already waited for its message's post: each wait is twice the last.</param>
public sealed record AlertEscalation(string GroupId, DateTimeOffset Episode, int Level, string? Alert = null, int Waits = 0);
