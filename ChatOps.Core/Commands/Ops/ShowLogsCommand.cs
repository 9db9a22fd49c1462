using System.Globalization;
using System.Text;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`show logs &lt;id&gt;`: the trace's log events, oldest first, one line each.</summary>
public sealed class ShowLogsCommand(IOpsClient ops) : Command<string, TraceLogs>
{
    private const int MaxLines = 60;

    public override CommandInfo Info { get; } = new(
        "show logs", "<id>", "The log events of one trace, oldest first.", "", [$"show logs {TraceIds.Example}"]);

    public override ParseResult<string> Parse(string arguments) => TraceIds.ParseSingle(arguments);

    public override Task<TraceLogs> ExecuteAsync(string args, CommandContext context, CancellationToken ct = default) =>
        ops.ShowLogsAsync(args, context.Caller(Info.Name), ct);

    public override ChatReply Render(TraceLogs logs)
    {
        if (logs.Events.Count == 0) return ChatReply.Plain($"Trace {Mrkdwn.Code(logs.Id)} has no log events.");

        // A line never fills a section on its own, so no section is ever left empty.
        var lines = logs.Events.Select(e => BlockKitLimits.Truncate(Line(e), 1000)).ToList();
        var blocks = new List<Block> { new HeaderBlock($"Logs of trace {logs.Id}") };
        // Sections hold 3,000 characters: pack whole lines into as few sections as fit.
        var section = new StringBuilder();
        var shown = 0;
        foreach (var line in lines.Take(MaxLines))
        {
            if (section.Length + line.Length + 1 > BlockKitLimits.MaxSectionText - 10)
            {
                blocks.Add(new SectionBlock(section.ToString().TrimEnd()));
                section.Clear();
                if (blocks.Count >= 10) break;
            }
            section.Append(line).Append('\n');
            shown++;
        }
        if (section.Length > 0) blocks.Add(new SectionBlock(section.ToString().TrimEnd()));
        if (shown < lines.Count) blocks.Add(new ContextBlock([$"_showing {shown} of {lines.Count} events_"]));
        var text = $"{logs.Events.Count} log event(s) of trace {Mrkdwn.Escape(logs.Id)}:\n" + string.Join('\n', logs.Events.Take(20).Select(PlainLine));
        return new ChatReply(text, blocks);
    }

    private static string Line(LogEvent e) =>
        $"`{Clock(e.Time)}` " + string.Join("  ", e.Fields.Select(f => $"*{Mrkdwn.Escape(f.Key)}*={Mrkdwn.Escape(Short(f.Value))}"));

    private static string PlainLine(LogEvent e) => $"{Clock(e.Time)} " + Mrkdwn.Escape(string.Join(" ", e.Fields.Select(f => $"{f.Key}={Short(f.Value)}")));

    private static string Clock(DateTimeOffset t) => t.ToUniversalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Short(string value) => value.Length <= 300 ? value.ReplaceLineEndings(" ") : value[..300].ReplaceLineEndings(" ") + "…";
}
