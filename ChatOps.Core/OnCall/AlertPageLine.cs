using ChatOps.Core.Replies;

namespace ChatOps.Core.OnCall;

/// <summary>The line of an alert message that names who was paged. Mentions are built here from the record, whose ids
/// come from the schedules' configuration, never from the alert's own text.</summary>
public static class AlertPageLine
{
    public static string? For(AlertPage? page, bool firing)
    {
        if (page is null || !firing) return null;
        var first = page.Users.Count == 0 ? $"nobody is on call in {Mrkdwn.Code(page.Schedule)}" : $"{Mrkdwn.User(page.Users[0])} (on call, {Mrkdwn.Code(page.Schedule)})";
        var later = page.Users.Skip(1).Select(Mrkdwn.User).Concat(page.Groups.Select(Mrkdwn.Group)).ToList();
        return $":rotating_light: Paged {first}" + (later.Count == 0 ? "" : $" · escalated to {string.Join(", ", later)}");
    }

    /// <summary>The mention that goes first in the notification text of a new message, so the on-call person's phone rings.</summary>
    public static string Mention(AlertPage? page, bool firing) =>
        firing && page is { Users.Count: > 0 } ? Mrkdwn.User(page.Users[0]) + " " : "";
}
