namespace ChatOps.Core.Ops.Model;

/// <summary>A confirmed deployment: <see cref="Version"/> null asks for a rollback to the last good version.</summary>
public sealed record DeployOrder(string Service, string? Version, string RequestedBy, string ConfirmedBy)
{
    /// <summary>Set: refused unless the newest deployment of the service is still this id ("" = none yet), so
    /// Confirm runs only in the world its prompt showed.</summary>
    public string? ExpectedLast { get; init; }

    /// <summary>A rollback: refused unless it still goes back to exactly this version (the one its prompt named).</summary>
    public string? TargetVersion { get; init; }
}
