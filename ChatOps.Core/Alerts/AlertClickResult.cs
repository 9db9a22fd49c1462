using ChatOps.Core.Replies;

namespace ChatOps.Core.Alerts;

/// <summary>What a click on an alert message came to: the answer for the clicker and the audit's fields.</summary>
public sealed record AlertClickResult(ChatReply Reply, string Decision, string Outcome, string Command, string Arguments);
