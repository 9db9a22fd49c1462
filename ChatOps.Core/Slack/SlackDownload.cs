namespace ChatOps.Core.Slack;

/// <summary>A file's bytes, or why they were not fetched (a sentence for the person who shared it).</summary>
public sealed record SlackDownload(byte[]? Content, string? Problem);
