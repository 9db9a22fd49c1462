using ChatOps.Core.Commands;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Confirmations;

/// <summary>
/// Stops a mutating command at its prompt: parses it (a mistake is answered at once, nothing is offered),
/// then replies with the exact change and signed Confirm / Cancel buttons. Nothing runs here.
/// </summary>
public sealed class ConfirmationGate(ConfirmationOptions options, TimeProvider clock)
{
    public async Task<CommandOutcome> AskAsync(ICommand command, string arguments, CommandContext context, CancellationToken ct = default)
    {
        var preview = await command.PreviewAsync(arguments, context, ct).ConfigureAwait(false);
        if (preview.Mistake is { } mistake) return CommandOutcome.Mistake(mistake);
        if (string.IsNullOrWhiteSpace(options.HmacKey))
            return CommandOutcome.Refused(ChatReply.Plain(
                $":no_entry: {Mrkdwn.Code(command.Info.Name)} needs a confirmation, and confirmations are not set up here " +
                "(the operators must set Confirmations__HmacKey)."));

        var approval = context.Access is { } access && access.RequiresApproval(command.InfoFor(arguments), context.Environment?.Name);
        // Nobody else can click a button in a direct message with the bot.
        if (approval && context.ChannelId.StartsWith('D'))
            return CommandOutcome.Refused(ChatReply.Plain(
                $":no_entry: {Mrkdwn.Code(command.Info.Name)} needs a second person to confirm, and nobody else can see this DM. Ask in a channel."));
        var now = clock.GetUtcNow();
        var change = new PendingChange(context.CommandId, command.Info.Name, preview.Arguments ?? arguments.Trim(), context.UserId, context.ChannelId,
            context.TeamId, now + options.Expiry, approval) { Environment = context.Environment?.Name, AlertGroup = context.AlertGroup,
                Expected = preview.Expected };
        var token = ConfirmationToken.Sign(change, options.HmacKey);
        if (token.Length > BlockKitLimits.MaxButtonValue)
            return CommandOutcome.Mistake(ChatReply.Plain(
                $"That {Mrkdwn.Code(command.Info.Name)} is too long to put behind a confirmation button; shorten its arguments."));
        return CommandOutcome.AwaitingConfirmation(ConfirmationPrompt.For(change, preview.Summary ?? command.Info.Summary, token, now)) with
        {
            ThreadFile = preview.ThreadFile,
        };
    }
}
