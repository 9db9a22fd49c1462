using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Config;

/// <summary>What `config push` came to: the change, or a refusal before anything was sent to be written.</summary>
public abstract record ConfigPushResult;

public sealed record ConfigPushDone(string Target, ConfigChangeResult Change) : ConfigPushResult;

public sealed record ConfigPushRefused(ChatReply Reply) : ConfigPushResult, IUserMistake;
