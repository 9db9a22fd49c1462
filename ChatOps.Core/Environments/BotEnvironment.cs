using ChatOps.Core.Options;

namespace ChatOps.Core.Environments;

/// <summary>One environment the bot speaks for: its own Ops service, the channels whose default it is, and
/// how replies name it.</summary>
/// <param name="Name">The name typed in <c>env=</c> and kept in envelopes, tokens and audit records (lower case).</param>
/// <param name="Label">How replies name it (Environments__name__Label; the name when unset).</param>
public sealed record BotEnvironment(string Name, string Label, OpsOptions Ops, IReadOnlyList<string> Channels);
