namespace ChatOps.Core.Envelopes;

/// <summary>On an envelope that collects a profile its command started: which one, and the how-many-th look this is.</summary>
public sealed record ProfileCollect(string ProfileId, int Round);
