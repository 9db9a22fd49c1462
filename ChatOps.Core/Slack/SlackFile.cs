namespace ChatOps.Core.Slack;

/// <summary>A file shared in Slack, as files.info describes it. <see cref="UserTeam"/> is the workspace of whoever
/// shared it (another one in a shared channel); <see cref="IsExternal"/> is a link to another service (Google Drive).</summary>
public sealed record SlackFile(string Id, string Name, long Size, string? DownloadUrl, string? UserTeam, bool IsExternal);
