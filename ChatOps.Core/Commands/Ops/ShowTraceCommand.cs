using System.Text;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`show trace &lt;id&gt;`: the longest span, the operations, the errors and a link.</summary>
public sealed class ShowTraceCommand(IOpsClient ops, OpsOptions options) : Command<string, TraceDetails>
{
    public override CommandInfo Info { get; } = new(
        "show trace", "<id>", "One trace: its longest span, operations, errors and a link to the trace UI.", "",
        [$"show trace {TraceIds.Example}"]);

    public override ParseResult<string> Parse(string arguments) => TraceIds.ParseSingle(arguments);

    public override Task<TraceDetails> ExecuteAsync(string args, CommandContext context, CancellationToken ct = default) =>
        ops.ShowTraceAsync(args, context.Caller(Info.Name), ct);

    public override ChatReply Render(TraceDetails t)
    {
        var link = TraceIds.Link(options.TraceUiUrl, t.Id);
        var errors = t.Errors.Count == 0 ? "none" : string.Join(", ", t.Errors.Select(Mrkdwn.Code));
        var body = new StringBuilder()
            .Append("*Longest span:* ").Append(Times.Duration(t.LongestSpan)).Append('\n')
            .Append(t.Errors.Count == 0 ? ":large_green_circle:" : ":red_circle:").Append(" *Errors:* ").Append(errors).Append('\n')
            .Append($"*Operations ({t.Operations.Count}):* ").Append(string.Join(", ", t.Operations.Select(Mrkdwn.Code)));
        var blocks = new List<Block> { new HeaderBlock($"Trace {t.Id}"), new SectionBlock(body.ToString()) };
        var context = new List<string>();
        if (t.TagKeys.Count > 0) context.Add("Tag keys: " + string.Join(", ", t.TagKeys.Select(Mrkdwn.Escape)));
        if (link is not null) context.Add(Mrkdwn.Link(link, "Open in the trace UI"));
        if (context.Count > 0) blocks.Add(new ContextBlock(context));
        var text = $"Trace {Mrkdwn.Escape(t.Id)}: longest span {Times.Duration(t.LongestSpan)}, {t.Operations.Count} operation(s), errors: " +
                   (t.Errors.Count == 0 ? "none" : Mrkdwn.Escape(string.Join(", ", t.Errors))) + (link is null ? "" : $" {Mrkdwn.Escape(link)}");
        return new ChatReply(text, blocks);
    }
}
