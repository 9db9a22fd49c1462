using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Commands;

/// <summary>Who asked, where, and under which id; passed to every command's execution.</summary>
public sealed record CommandContext(
    string CommandId,
    string UserId,
    string ChannelId,
    string? TeamId,
    CommandRegistry Registry)
{
    /// <summary>Who is asking, for the Ops call metadata of the named command.</summary>
    public OpsCaller Caller(string command) => new(UserId, ChannelId, command);
}
