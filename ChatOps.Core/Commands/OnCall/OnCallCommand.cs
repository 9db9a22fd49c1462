using ChatOps.Core.OnCall;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.OnCall;

/// <summary>`oncall [&lt;schedule&gt;]`: who is on call now and next, per schedule, with the handoff in the schedule's zone.</summary>
public sealed class OnCallCommand(OnCallRoster roster) : Command<string?, OnCallReply>
{
    public override CommandInfo Info { get; } = new(
        "oncall", "[<schedule>]",
        "Who is on call now and who is next, per schedule.",
        "Handoff times are in each schedule's own time zone. An override set with `oncall override` shows who holds the shift instead.",
        ["oncall", "oncall payments"]);

    public override ParseResult<string?> Parse(string arguments)
    {
        var name = arguments.Trim();
        if (name.Length == 0) return ParseResult<string?>.Ok(null);
        return name.Contains(' ', StringComparison.Ordinal) ? ParseResult<string?>.Fail("give one schedule name, or none for all") : name;
    }

    public override async Task<OnCallReply> ExecuteAsync(string? schedule, CommandContext context, CancellationToken ct = default)
    {
        if (schedule is null)
        {
            var all = await roster.AllAsync(ct).ConfigureAwait(false);
            return new OnCallReply(ChatReply.Plain(all.Count == 0 ? OnCallReplies.NoneConfigured
                : ":pager: On call now\n" + string.Join("\n", all.Select(n => "• " + OnCallReplies.Line(n)))));
        }
        if (await roster.NowAsync(schedule, ct).ConfigureAwait(false) is not { } now)
            return new OnCallMistake(OnCallReplies.UnknownSchedule(schedule, roster.Schedules.All));
        return new OnCallReply(ChatReply.Plain(":pager: " + OnCallReplies.Line(now)));
    }

    public override ChatReply Render(OnCallReply result) => result.Reply;
}
