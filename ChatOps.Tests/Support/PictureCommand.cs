using ChatOps.Core.Commands;
using ChatOps.Core.Replies;

namespace ChatOps.Tests.Support;

/// <summary>A test command whose reply carries a file, like a graph.</summary>
public sealed class PictureCommand : Command<string, string>
{
    public override CommandInfo Info { get; } = new("picture", "", "Replies with a file (tests only).", "", ["picture"]);

    public override ParseResult<string> Parse(string arguments) => arguments;

    public override Task<string> ExecuteAsync(string args, CommandContext context, CancellationToken ct = default) => Task.FromResult("a picture");

    public override ChatReply Render(string result) =>
        new ChatReply("*A picture*", []) { Files = [new ReplyFile("picture.png", "A picture", "alt", [1, 2, 3])] };
}
