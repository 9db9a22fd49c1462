using ChatOps.Core.Commands;
using ChatOps.Core.Replies;

namespace ChatOps.Tests.Support;

/// <summary>A test command whose execution always fails like an unreachable backend, counting attempts.</summary>
public sealed class ExplodingCommand : Command<string, string>
{
    private int _attempts;

    public int Attempts => _attempts;

    public override CommandInfo Info { get; } = new("explode", "", "Always fails (tests only).", "", []);

    public override ParseResult<string> Parse(string arguments) => arguments;

    public override Task<string> ExecuteAsync(string args, CommandContext context, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _attempts);
        throw new HttpRequestException("connection refused (backend down)");
    }

    public override ChatReply Render(string result) => ChatReply.Plain(result);
}
