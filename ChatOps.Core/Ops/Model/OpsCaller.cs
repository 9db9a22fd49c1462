namespace ChatOps.Core.Ops.Model;

/// <summary>The human behind an Ops call, sent as call metadata so the Ops service can authorize and
/// log who asked (x-chatops-user, x-chatops-channel, x-chatops-command, x-chatops-environment).</summary>
public sealed record OpsCaller(string UserId, string ChannelId, string Command)
{
    /// <summary>32 hex digits: the traceparent's trace id, shared by the calls of one command; null starts a new trace per call.</summary>
    public string? TraceId { get; init; }

    /// <summary>The environment whose Ops service answers this call; null is the default environment.</summary>
    public string? Environment { get; init; }
}
