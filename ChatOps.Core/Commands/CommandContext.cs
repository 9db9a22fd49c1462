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
    /// <summary>Decides who may run what; null on the command line, where the operator is trusted.</summary>
    public Access.AccessPolicy? Access { get; init; }

    /// <summary>Null when this caller may run the command, else the refusal to show.</summary>
    public Task<string?> RefusalAsync(CommandInfo command, CancellationToken ct = default) =>
        Access is null ? Task.FromResult<string?>(null) : Access.RefusalAsync(command, UserId, ChannelId, ct);

    /// <summary>Who is asking, for the Ops call metadata of the named command.</summary>
    public OpsCaller Caller(string command) => new(UserId, ChannelId, command);
}
