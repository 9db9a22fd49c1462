using System.Globalization;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Ops;

/// <summary>`change sampling never|always|float &lt;rate&gt;`: changes production trace sampling.</summary>
public sealed class ChangeSamplingCommand(IOpsClient ops) : Command<SamplingChange, SamplingChange>
{
    public override CommandInfo Info { get; } = new(
        "change sampling", "never|always|float <rate>",
        "Change trace sampling: none, all, or a fraction of traces.",
        "The rate is more than 0 and at most 1: `float .1` samples 10% of traces.",
        ["change sampling float .1", "change sampling always", "change sampling never"],
        Mutating: true);

    public override ParseResult<SamplingChange> Parse(string arguments)
    {
        var words = CommandText.Words(arguments.ToLowerInvariant());
        return words switch
        {
            ["never"] => new SamplingChange(SamplerKind.Never),
            ["always"] => new SamplingChange(SamplerKind.Always),
            ["float", var rate] => ParseRate(rate),
            ["float"] => ParseResult<SamplingChange>.Fail("`float` needs a rate, like `float .1` for 10%."),
            [] => ParseResult<SamplingChange>.Fail($"Change it to what? `never`, `always` or {Mrkdwn.Code("float <rate>")}."),
            _ => ParseResult<SamplingChange>.Fail($"I expected `never`, `always` or {Mrkdwn.Code("float <rate>")}; got {Mrkdwn.Code(arguments.Trim())}."),
        };
    }

    private static ParseResult<SamplingChange> ParseRate(string text)
    {
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || double.IsNaN(rate))
            return ParseResult<SamplingChange>.Fail($"The rate must be a number like `.1`; got {Mrkdwn.Code(text)}.");
        if (rate <= 0 || rate > 1)
            return ParseResult<SamplingChange>.Fail($"The rate must be more than 0 and at most 1; got {Mrkdwn.Code(text)}. Use `never` to stop sampling.");
        return new SamplingChange(SamplerKind.Probabilistic, rate);
    }

    public override string Describe(SamplingChange args) => $"every service will {args.Describe()}";

    public override async Task<SamplingChange> ExecuteAsync(SamplingChange args, CommandContext context, CancellationToken ct = default)
    {
        await ops.ChangeSamplingAsync(args, context.Caller(Info.Name), ct).ConfigureAwait(false);
        return args;
    }

    public override ChatReply Render(SamplingChange result) =>
        ChatReply.Plain($":white_check_mark: Sampling changed: the services now {result.Describe()}.");
}
