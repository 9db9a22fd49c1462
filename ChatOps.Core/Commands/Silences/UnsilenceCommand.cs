using System.Text.RegularExpressions;
using ChatOps.Core.Ops;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Silences;

/// <summary>`unsilence &lt;id&gt;`: expires an Alertmanager silence now.</summary>
public sealed partial class UnsilenceCommand(IOpsClient ops) : Command<string, string>
{
    public override CommandInfo Info { get; } = new(
        "unsilence", "<id>",
        "End an Alertmanager silence now.",
        "The id is the one `silences` lists (or the one shown when it was created).",
        ["unsilence 3f2c1a9e-6b1d-4c55-9a8e-0f1e2d3c4b5a"],
        Mutating: true);

    public override ParseResult<string> Parse(string arguments)
    {
        var id = arguments.Trim();
        if (id.Length == 0) return ParseResult<string>.Fail("Which silence? Give its id; `silences` lists them.");
        return SilenceId().IsMatch(id) ? id : ParseResult<string>.Fail($"{Mrkdwn.Code(id)} is not a silence id (hex digits and dashes).");
    }

    public override string Describe(string id) => $"silence {Mrkdwn.Code(id)} will end now and its alerts notify again";

    public override async Task<string> ExecuteAsync(string id, CommandContext context, CancellationToken ct = default)
    {
        await ops.ExpireSilenceAsync(id, context.Caller(Info.Name), ct).ConfigureAwait(false);
        return id;
    }

    public override ChatReply Render(string id) => ChatReply.Plain($":loud_sound: Silence {Mrkdwn.Code(id)} has ended.");

    [GeneratedRegex("^[0-9a-fA-F-]{1,64}$")]
    private static partial Regex SilenceId();
}
