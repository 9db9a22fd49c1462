namespace ChatOps.Core.Commands.Deploy;

/// <summary>`deploy &lt;service&gt; &lt;version&gt;`, or `rollback &lt;service&gt;` (no version: the Ops service picks it).</summary>
public sealed record DeployArgs(string Service, string? Version);
