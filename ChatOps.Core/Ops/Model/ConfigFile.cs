namespace ChatOps.Core.Ops.Model;

/// <summary>A target's file as it is now (empty content and revision "none" when it does not exist yet), or the
/// refusal (an unknown target).</summary>
public sealed record ConfigFile(string? Refusal, string Revision, byte[] Content, string FileName);
