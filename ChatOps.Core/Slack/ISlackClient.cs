using ChatOps.Core.Replies;

namespace ChatOps.Core.Slack;

/// <summary>
/// The Slack seam: the few Web API calls the bot makes. Failures are <see cref="SlackApiException"/>,
/// which says whether trying again later can help.
/// </summary>
public interface ISlackClient
{
    /// <summary>auth.test, called once and cached: the bot's own user and bot ids.</summary>
    Task<SlackIdentity> WhoAmIAsync(CancellationToken ct = default);

    /// <summary>chat.postMessage; returns the new message's ts.</summary>
    Task<string> PostMessageAsync(string channel, ChatReply reply, string? threadTs, CancellationToken ct = default);

    Task PostEphemeralAsync(string channel, string user, ChatReply reply, string? threadTs, CancellationToken ct = default);

    Task UpdateMessageAsync(string channel, string ts, ChatReply reply, CancellationToken ct = default);

    /// <summary>Uploads a file into a channel (and thread) with Slack's current flow:
    /// files.getUploadURLExternal, the bytes to the upload URL, files.completeUploadExternal.</summary>
    Task UploadFileAsync(string channel, string? threadTs, ReplyFile file, string? initialComment, CancellationToken ct = default);

    /// <summary>usergroups.users.list: the user ids in a user group.</summary>
    Task<IReadOnlyList<string>> UserGroupMembersAsync(string groupId, CancellationToken ct = default);

    /// <summary>files.info (scope files:read).</summary>
    Task<SlackFile> FileInfoAsync(string fileId, CancellationToken ct = default);

    /// <summary>A shared file's bytes, fetched with the bot token from Slack's file host only (Slack__FileHostUrl); a
    /// download URL on any other host, or a file over <paramref name="maxBytes"/>, is refused without a request.</summary>
    Task<SlackDownload> DownloadFileAsync(SlackFile file, int maxBytes, CancellationToken ct = default);

    /// <summary>Posts to a slash command's or interaction's response_url (no token is sent there).</summary>
    Task RespondAsync(string responseUrl, ChatReply reply, bool inChannel, bool replaceOriginal, CancellationToken ct = default);
}

public sealed record SlackIdentity(string UserId, string? BotId, string? TeamId);
