namespace ChatOps.Core.Commands.Config;

/// <summary>`config rollback`: the target, the revision to go back to (null: the one the last change replaced), and
/// the revision the prompt showed the diff against (pinned by the prompt, so Confirm is refused if it changed since).</summary>
public sealed record ConfigRollbackArgs(string Target, string? Revision, string? Expected);
