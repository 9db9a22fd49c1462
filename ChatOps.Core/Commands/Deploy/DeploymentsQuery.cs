namespace ChatOps.Core.Commands.Deploy;

/// <summary>`deployments [&lt;service&gt;] [limit=&lt;n&gt;]`.</summary>
public sealed record DeploymentsQuery(string? Service, int Limit);
