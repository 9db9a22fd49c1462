using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using ChatOps.Core.Confirmations;
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
    // A reference, so a copy made with `with` (the confirmed run drops Confirmations) counts into the same box.
    private readonly StrongBox<int> _opsCalls = new();

    /// <summary>Decides who may run what; null on the command line, where the operator is trusted.</summary>
    public Access.AccessPolicy? Access { get; init; }

    /// <summary>Turns a mutating command into a confirmation prompt; null runs it at once (the command
    /// line, and a request whose Confirm was just clicked).</summary>
    public ConfirmationGate? Confirmations { get; init; }

    /// <summary>Who asked for a change being run now because someone (<see cref="UserId"/>) confirmed it; null otherwise.</summary>
    public string? RequestedBy { get; init; }

    /// <summary>The environment this command runs against: every Ops call through <see cref="Caller"/> goes to its
    /// service, and access rules that name environments are read for it. Null: the default environment.</summary>
    public Environments.BotEnvironment? Environment { get; init; }

    /// <summary>The id of the confirmed request being run now: a retry of its Confirm (Alertmanager made the change,
    /// but its answer was lost) finds what the first attempt made instead of making it twice. Null otherwise.</summary>
    public string? ConfirmedRequestId { get; init; }

    /// <summary>The alert group whose message asked for this change (its Silence menu), so the change is shown on that
    /// message once made; null for a typed command.</summary>
    public string? AlertGroup { get; init; }

    /// <summary>What the confirmed prompt showed of the world (<see cref="CommandPreview.Expected"/>); null otherwise.</summary>
    public string? Expected { get; init; }

    /// <summary>W3C trace id shared by every Ops call of this command, so the audit record and the Ops
    /// service's logs meet on one id.</summary>
    public string TraceId { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True once the command has made an Ops call (the audit then records <see cref="TraceId"/>).</summary>
    public bool CalledOps => Volatile.Read(ref _opsCalls.Value) > 0;

    /// <summary>Null when this caller may run the command, else the refusal to show.</summary>
    public Task<string?> RefusalAsync(CommandInfo command, CancellationToken ct = default) =>
        Access is null ? Task.FromResult<string?>(null) : Access.RefusalAsync(command, UserId, ChannelId, Environment?.Name, ct);

    /// <summary>Who is asking, for the Ops call metadata of the named command.</summary>
    public OpsCaller Caller(string command)
    {
        Interlocked.Increment(ref _opsCalls.Value);
        return new OpsCaller(UserId, ChannelId, command) { TraceId = TraceId, Environment = Environment?.Name };
    }
}
