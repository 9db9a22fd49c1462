namespace ChatOps.Core.Envelopes;

/// <summary>On an envelope that collects a profile its command started: which one, and the how-many-th look this is.</summary>
/// <param name="Misses">How many looks the Ops service could not answer (each waits longer; they do not count as rounds).</param>
public sealed record ProfileCollect(string ProfileId, int Round, int Misses = 0);
