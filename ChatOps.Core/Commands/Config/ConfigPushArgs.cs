namespace ChatOps.Core.Commands.Config;

/// <summary>`config push`: the target and the shared file, and (pinned by the prompt) the candidate revision that was
/// shown and the revision its diff was made against.</summary>
public sealed record ConfigPushArgs(string Target, string FileId, string? Candidate, string? Expected);
