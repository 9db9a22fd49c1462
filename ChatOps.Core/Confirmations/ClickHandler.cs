using ChatOps.Core.Access;
using ChatOps.Core.Commands;
using ChatOps.Core.Envelopes;
using ChatOps.Core.Environments;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Confirmations;

/// <summary>
/// A click on Confirm or Cancel. Trusts nothing but the signed request: checks the MAC, the channel,
/// the expiry, that the clicker may run the command, and the two-person rule; then runs it once. A
/// settled request replaces the prompt (the buttons go); a refused click is told to the clicker alone
/// and leaves the prompt for someone who may.
/// </summary>
public sealed class ClickHandler(CommandDispatcher dispatcher, AccessPolicy access, ConfirmationOptions options, TimeProvider clock,
    EnvironmentCatalog? environments = null)
{
    /// <summary>The request behind a click when its signature holds; null otherwise.</summary>
    public PendingChange? Verify(ButtonClick click) =>
        string.IsNullOrWhiteSpace(options.HmacKey) ? null : ConfirmationToken.Read(click.Value, options.HmacKey);

    /// <param name="change">What <see cref="Verify"/> returned for this click (the caller needs it first, for the audit).</param>
    /// <param name="context">The clicker's context, made by the caller so it can audit the Ops trace id even when the run throws.</param>
    public async Task<ClickResult> HandleAsync(CommandEnvelope envelope, ButtonClick click, PendingChange? change, CommandContext context,
        CancellationToken ct = default)
    {
        if (change is null) return ClickResult.Notice(ConfirmationPrompt.Unverifiable(), "invalid", null);
        if (change.ChannelId != envelope.ChannelId)
            return ClickResult.Notice(ChatReply.Plain(
                $":no_entry: This request was made in {Mrkdwn.Channel(change.ChannelId)} and can only be confirmed there. Nothing was changed."), "invalid", change);

        // The environment comes from the signed request only: whatever the click's channel maps to now, a Confirm
        // asked for staging runs in staging, and a request whose environment is gone runs nowhere.
        var environment = change.Environment;
        var known = environments is null ? null : EnvironmentOf(environments, change);
        if (known is not null)
        {
            context = context with { Environment = known };
            environment = known.Name;
        }
        var clicker = envelope.UserId;
        var now = clock.GetUtcNow();
        if (dispatcher.Find(change.Command) is not { } found)
            return ClickResult.Notice(ChatReply.Plain($"{Mrkdwn.Code(change.Command)} is no longer a command here; nothing was changed."), "invalid", change);
        // Rules that name a scope ("config push prometheus-rules") apply to the click as to the request.
        var info = found.InfoFor(change.Arguments);
        if (now > change.ExpiresAt) return ClickResult.Settled(ConfirmationPrompt.Expired(change), "expired", change);

        if (click.ActionId == ConfirmationActions.Cancel)
        {
            if (clicker != change.RequestedBy && await access.RefusalAsync(info, clicker, envelope.ChannelId, environment, ct).ConfigureAwait(false) is not null)
                return ClickResult.Notice(ChatReply.Plain(
                    $":no_entry: Only {Mrkdwn.User(change.RequestedBy)} or someone who may run {Mrkdwn.Code(info.Name)} can cancel it."), "refused", change);
            return ClickResult.Settled(ConfirmationPrompt.Cancelled(change, clicker, now), "cancelled", change);
        }
        // Checked after Cancel: a Cancel runs nothing, so a prompt made before environments (or for one since removed)
        // can still be cleared; a Confirm of it cannot tell where it would run.
        if (environments is not null && known is null) return ClickResult.Notice(ConfirmationPrompt.EnvironmentGone(change), "invalid", change);

        if (await access.RefusalAsync(info, clicker, envelope.ChannelId, environment, ct).ConfigureAwait(false) is { } refusal)
            return ClickResult.Notice(ChatReply.Plain(":no_entry: " + refusal), "refused", change);
        if ((change.RequireApproval || access.RequiresApproval(info, environment)) && clicker == change.RequestedBy)
            return ClickResult.Notice(ChatReply.Plain(
                $":no_entry: Two-person rule: someone other than you must confirm {Mrkdwn.Code(change.CommandLine)}."), "refused", change);

        var outcome = await dispatcher.RunConfirmedAsync(found, change.Arguments, context with
        {
            RequestedBy = change.RequestedBy, ConfirmedRequestId = change.Id, AlertGroup = change.AlertGroup,
            Expected = change.Expected,
        }, ct).ConfigureAwait(false);
        return ClickResult.Settled(ConfirmationPrompt.Confirmed(change, clicker, now, outcome.Reply), "confirmed", change) with
        {
            Outcome = outcome.Kind,
            FollowDeploymentId = outcome.FollowDeploymentId,
        };
    }

    /// <summary>The environment a request names; a request without one (made before environments) is only good where the
    /// single legacy environment is all there is. Null: it cannot run.</summary>
    private static BotEnvironment? EnvironmentOf(EnvironmentCatalog environments, PendingChange change) =>
        change.Environment is null ? (environments.IsLegacy ? environments.Default : null) : environments.Find(change.Environment);
}
