using ChatOps.Core.Delivery;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Worker;

/// <summary>
/// Answers a command where it was asked: the mention's thread, the DM, or the slash command's
/// response_url. Transient Slack failures propagate (the queue retries); permanent ones are
/// logged with Slack's error code, after one text-only attempt when Slack refused the blocks.
/// </summary>
public sealed class ReplySender(ISlackClient slack, ILogger<ReplySender> log, IReplyDeferrals? deferrals = null,
    Environments.EnvironmentCatalog? environments = null)
{
    /// <param name="replaceOriginal">For a click: the reply replaces the message that held the button
    /// (a settled confirmation). Otherwise a click is answered to the clicker alone.</param>
    /// <param name="keepIfLimited">False for a reply a later one replaces anyway (a deployment's progress): a rate
    /// limit then escapes as the exception, instead of keeping a reply that could be posted after its successor.</param>
    /// <param name="posted">Told the ts of the new message, when the reply was posted as one (so a file can go in its thread).</param>
    /// <returns>True when Slack accepted the reply, or it is kept to be posted once Slack's rate limit allows.</returns>
    public async Task<bool> SendAsync(CommandEnvelope envelope, ChatReply reply, CancellationToken ct = default, bool replaceOriginal = false,
        bool keepIfLimited = true, Action<string>? posted = null)
    {
        reply = Marked(envelope, reply);
        try
        {
            await DeliverAsync(envelope, reply, replaceOriginal, ct, posted).ConfigureAwait(false);
            return true;
        }
        catch (SlackApiException ex) when (ex.RetryAfter is { } wait && deferrals is not null && keepIfLimited)
        {
            // Longer than the worker may sleep: keep the reply and come back then. A wait, not a failure, so
            // it neither fails the invocation nor counts towards maxDequeueCount; the command is not run again.
            log.LogWarning("Slack {SlackMethod} rate-limited the reply to {CommandId} for {RetryAfterSeconds} s; it is posted then",
                ex.Method, envelope.Id, (int)Math.Ceiling(wait.TotalSeconds));
            await deferrals.DeferAsync(envelope, reply, replaceOriginal, wait, ct).ConfigureAwait(false);
            return true;
        }
        catch (SlackApiException ex) when (!ex.IsTransient && ex.IsBlocksRejected)
        {
            log.LogWarning("Slack refused the blocks of the reply to {CommandId} ({SlackError}); sending text only",
                envelope.Id, ex.Error);
            return await SendTextOnlyAsync(envelope, reply, replaceOriginal, ct, posted).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (!ex.IsTransient)
        {
            LogUndeliverable(envelope, ex);
            return false;
        }
    }

    private async Task<bool> SendTextOnlyAsync(CommandEnvelope envelope, ChatReply reply, bool replaceOriginal, CancellationToken ct,
        Action<string>? posted)
    {
        try
        {
            await DeliverAsync(envelope, new ChatReply(reply.Text, []), replaceOriginal, ct, posted).ConfigureAwait(false);
            return true;
        }
        catch (SlackApiException ex) when (!ex.IsTransient)
        {
            LogUndeliverable(envelope, ex);
            return false;
        }
    }

    private async Task DeliverAsync(CommandEnvelope envelope, ChatReply reply, bool replaceOriginal, CancellationToken ct, Action<string>? posted = null)
    {
        if (reply.Files.Count == 0)
        {
            await DeliverTextAsync(envelope, reply, replaceOriginal, ct, posted).ConfigureAwait(false);
            return;
        }
        // Files go to the channel (a response_url cannot carry them), in the thread where there is one;
        // the reply's text is the first file's comment, so the answer stays one message.
        try
        {
            for (var i = 0; i < reply.Files.Count; i++)
                await slack.UploadFileAsync(envelope.ChannelId, envelope.ThreadTs, reply.Files[i], i == 0 ? reply.Text : null, ct).ConfigureAwait(false);
        }
        catch (SlackApiException ex) when (!ex.IsTransient && envelope is { Source: EnvelopeSource.SlashCommand, ResponseUrl: not null })
        {
            // A slash command works in channels the bot has not joined; an upload there does not.
            // Say so where the user will see it instead of leaving them with "Working on…".
            log.LogWarning("Upload for {CommandId} refused ({SlackError}); telling the user through response_url", envelope.Id, ex.Error);
            var why = ex.Error is "not_in_channel" or "channel_not_found"
                ? "I can't post files in this conversation: invite me to the channel, or mention me instead."
                : $"Slack refused the upload ({Mrkdwn.Code(ex.Error)}).";
            await slack.RespondAsync(envelope.ResponseUrl, ChatReply.Plain($"{reply.Text}\n:warning: {why}"), inChannel: false, replaceOriginal: false, ct)
                .ConfigureAwait(false);
        }
    }

    private Task DeliverTextAsync(CommandEnvelope envelope, ChatReply reply, bool replaceOriginal, CancellationToken ct, Action<string>? posted = null) =>
        envelope.Source switch
    {
        EnvelopeSource.SlashCommand when envelope.ResponseUrl is { } url =>
            slack.RespondAsync(url, reply, inChannel: true, replaceOriginal: false, ct),
        // A settled confirmation replaces the prompt for everyone; anything else about a click is for the clicker.
        EnvelopeSource.Button when envelope.ResponseUrl is { } url =>
            slack.RespondAsync(url, reply, inChannel: replaceOriginal, replaceOriginal, ct),
        EnvelopeSource.Button when replaceOriginal && envelope.Click?.MessageTs is { } ts =>
            slack.UpdateMessageAsync(envelope.ChannelId, ts, reply, ct),
        EnvelopeSource.Button =>
            slack.PostEphemeralAsync(envelope.ChannelId, envelope.UserId, reply, envelope.ThreadTs, ct),
        _ => PostAsync(envelope, reply, posted, ct),
    };

    /// <summary>Every reply names the environment it speaks for, here where all replies leave, so no command has to.</summary>
    private ChatReply Marked(CommandEnvelope envelope, ChatReply reply) =>
        environments is { MarksReplies: true } catalog && catalog.Find(envelope.Environment) is { } environment
            ? Environments.EnvironmentMarker.Mark(reply, environment.Label)
            : reply;

    private async Task PostAsync(CommandEnvelope envelope, ChatReply reply, Action<string>? posted, CancellationToken ct)
    {
        var ts = await slack.PostMessageAsync(envelope.ChannelId, reply, envelope.ThreadTs, ct).ConfigureAwait(false);
        posted?.Invoke(ts);
    }

    /// <summary>Uploads a file into the thread of a reply already posted (a prompt's whole diff). The reply stands without it,
    /// so a failure of any kind is said beside the reply instead of failing the work, which would post the reply again.</summary>
    public async Task AttachAsync(CommandEnvelope envelope, string? threadTs, ReplyFile file, CancellationToken ct = default)
    {
        try
        {
            await slack.UploadFileAsync(envelope.ChannelId, threadTs, file, null, ct).ConfigureAwait(false);
            return;
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("Slack {SlackMethod} refused the file {FileName} for {CommandId} ({SlackError}); saying so instead",
                ex.Method, file.FileName, envelope.Id, ex.Error);
            var note = ChatReply.Plain($":warning: {Mrkdwn.Code(file.FileName)} could not be attached (Slack said {Mrkdwn.Code(ex.Error)}); " +
                                       "the message above still works as it is.");
            try
            {
                if (envelope is { Source: EnvelopeSource.SlashCommand, ResponseUrl: { } url })
                    await slack.RespondAsync(url, note, inChannel: false, replaceOriginal: false, ct).ConfigureAwait(false);
                else
                    await slack.PostMessageAsync(envelope.ChannelId, note, threadTs, ct).ConfigureAwait(false);
            }
            catch (SlackApiException again)
            {
                log.LogError("Could not say that {FileName} for {CommandId} is not attached: Slack {SlackMethod} said {SlackError}",
                    file.FileName, envelope.Id, again.Method, again.Error);
            }
        }
    }

    // Retrying cannot fix these (not_in_channel, channel_not_found, invalid_auth, expired_url...):
    // the message is finished, and the log line says exactly why the user saw nothing.
    private void LogUndeliverable(CommandEnvelope envelope, SlackApiException ex) =>
        log.LogError("Reply to {CommandId} for {User} in {Channel} could not be delivered: Slack {SlackMethod} said {SlackError}",
            envelope.Id, envelope.UserId, envelope.ChannelId, ex.Method, ex.Error);
}
