using ChatOps.Core.Commands.Arguments;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Options;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`list traces`: recent traces matching filters, newest first, each linked to the trace UI.</summary>
public sealed class ListTracesCommand(IOpsClient ops, OpsOptions options, TimeProvider clock) : Command<TraceQuery, ListTracesResult>
{
    private static readonly string[] Known = ["service", "operation", "start", "end", "limit", "tags", "min", "max"];

    public override CommandInfo Info { get; } = new(
        "list traces",
        "[service=<name>] [operation=<name>] [start=<time>] [end=<time>|now] [limit=<n>] [tags=[k:v,...]] [min=<duration>] [max=<duration>]",
        "Recent traces, newest first, linked to the trace UI.",
        $"limit is 1 to {TraceQuery.MaxLimit} (default {TraceQuery.DefaultLimit}). Times: {TimeParser.Accepted}. " +
        $"Durations: {DurationParser.Accepted}. tags: key:value pairs the traces must carry.",
        ["list traces operation=AddPets() limit=25", "list traces service=checkout start=-1h min=250ms", "list traces tags=[http.status_code:500]"]);

    public override ParseResult<TraceQuery> Parse(string arguments) => TraceQueryParser.Parse(arguments, Known, clock.GetUtcNow());

    public override async Task<ListTracesResult> ExecuteAsync(TraceQuery args, CommandContext context, CancellationToken ct = default)
    {
        var traces = await ops.ListTracesAsync(args, context.Caller(Info.Name), ct).ConfigureAwait(false);
        return new ListTracesResult(args, traces.OrderByDescending(t => t.Start).ToList(), clock.GetUtcNow(), options.TraceUiUrl);
    }

    public override ChatReply Render(ListTracesResult result) => ListTracesRenderer.Render(result);
}

public sealed record ListTracesResult(TraceQuery Query, IReadOnlyList<TraceSummary> Traces, DateTimeOffset Now, string? TraceUiUrl);
