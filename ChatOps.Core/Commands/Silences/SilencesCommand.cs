using System.Text;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Silences;

/// <summary>`silences`: the active Alertmanager silences, soonest to end first, with who and until when.</summary>
public sealed class SilencesCommand(IOpsClient ops, TimeProvider clock) : Command<bool, SilenceList>
{
    private const int MaxShown = 20;

    public override CommandInfo Info { get; } = new(
        "silences", "", "Active Alertmanager silences: who, until when, which alerts.", "", ["silences"]);

    public override ParseResult<bool> Parse(string arguments) =>
        arguments.Trim().Length == 0 ? true : ParseResult<bool>.Fail("`silences` takes no arguments.");

    public override async Task<SilenceList> ExecuteAsync(bool args, CommandContext context, CancellationToken ct = default) =>
        new(await ops.ListSilencesAsync(false, context.Caller(Info.Name), ct).ConfigureAwait(false), clock.GetUtcNow());

    public override ChatReply Render(SilenceList result)
    {
        var active = result.Silences.Where(s => s.State != "expired").OrderBy(s => s.EndsAt).ToList();
        if (active.Count == 0) return ChatReply.Plain("No active silences.");
        var text = new StringBuilder($"*{active.Count} active silence{(active.Count == 1 ? "" : "s")}*");
        foreach (var s in active.Take(MaxShown))
        {
            // A Slack user id (made here) is a mention; anything else (amtool, the web UI) is shown as code.
            var by = Mrkdwn.User(s.CreatedBy.Length > 0 ? s.CreatedBy : "unknown");
            text.Append($"\n• {Mrkdwn.Code(s.Id)} {Mrkdwn.Code(string.Join(",", s.Matchers))} until {Times.Utc(s.EndsAt)} by {by}");
            if (s.State == "pending") text.Append(" (starts ").Append(Times.Utc(s.StartsAt)).Append(')');
            if (s.Comment.Length > 0) text.Append(" – ").Append(Mrkdwn.Escape(BlockKitLimits.Truncate(s.Comment, 200)));
        }
        if (active.Count > MaxShown) text.Append($"\n_and {active.Count - MaxShown} more_");
        return ChatReply.Plain(text.ToString());
    }
}

public sealed record SilenceList(IReadOnlyList<SilenceInfo> Silences, DateTimeOffset Now);
