using ChatOps.Core.Replies;

namespace ChatOps.Core.Confirmations;

/// <summary>The messages of a confirmation: the prompt with its buttons, and what replaces it once settled.</summary>
public static class ConfirmationPrompt
{
    public static ChatReply For(PendingChange change, string summary, string token, DateTimeOffset now)
    {
        var ask = $":lock: {Mrkdwn.User(change.RequestedBy)} wants to run {Mrkdwn.Code(change.CommandLine)}: {summary}.";
        var minutes = Math.Max(1, (int)Math.Round((change.ExpiresAt - now).TotalMinutes));
        var who = change.RequireApproval
            ? $"Two-person rule: someone other than {Mrkdwn.User(change.RequestedBy)} who may run {Mrkdwn.Code(change.Command)} must confirm."
            : $"Anyone who may run {Mrkdwn.Code(change.Command)} can confirm.";
        return new ChatReply(ask + " Confirm or Cancel it in Slack.",
        [
            new SectionBlock(ask),
            new ContextBlock([$"Expires {Times.Utc(change.ExpiresAt)} (in {minutes} min). {who}"]),
            new ActionsBlock(
            [
                new Button("Confirm", ConfirmationActions.Confirm, token, ButtonStyle.Primary),
                new Button("Cancel", ConfirmationActions.Cancel, token, ButtonStyle.Danger),
            ]),
        ]);
    }

    /// <summary>The result of the confirmed command, with who confirmed it and when underneath.</summary>
    public static ChatReply Confirmed(PendingChange change, string by, DateTimeOffset at, ChatReply result)
    {
        var line = $"Confirmed by {Mrkdwn.User(by)} at {Times.Utc(at)}; asked by {Mrkdwn.User(change.RequestedBy)}: {Mrkdwn.Code(change.CommandLine)}";
        return new ChatReply($"{result.Text} ({line})", [.. result.Blocks, new ContextBlock([line])]);
    }

    public static ChatReply Cancelled(PendingChange change, string by, DateTimeOffset at) => Settled(
        $":no_entry_sign: Cancelled by {Mrkdwn.User(by)} at {Times.Utc(at)}; nothing was changed.", change);

    public static ChatReply Expired(PendingChange change) => Settled(
        $":hourglass: This request expired at {Times.Utc(change.ExpiresAt)}; nothing was changed. Ask again if it is still needed.", change);

    public static ChatReply Unverifiable() => ChatReply.Plain(
        ":warning: I can't verify this button: it was changed, or signed with a key this app no longer has. Nothing was changed.");

    public static ChatReply EnvironmentGone(PendingChange change) => ChatReply.Plain(change.Environment is { } gone
        ? $":no_entry: This request was made for the environment {Mrkdwn.Code(gone)}, which is no longer configured. Nothing was changed."
        : ":no_entry: This request was made before environments were configured, so I can't tell where it would run. Nothing was changed; ask again.");

    public static ChatReply AlreadySettled(string decision, string? by, DateTimeOffset? at)
    {
        var who = by is null ? "" : $" by {Mrkdwn.User(by)}";
        var when = at is { } t ? $" at {Times.Utc(t)}" : "";
        return ChatReply.Plain($"This request was already {decision}{who}{when}; nothing was run again.");
    }


    private static ChatReply Settled(string what, PendingChange change)
    {
        var asked = $"Asked by {Mrkdwn.User(change.RequestedBy)}: {Mrkdwn.Code(change.CommandLine)}";
        return new ChatReply($"{what} ({asked})", [new SectionBlock(what), new ContextBlock([asked])]);
    }
}
