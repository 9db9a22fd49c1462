namespace ChatOps.OpsService.Deploy;

/// <summary>What a service's version query reports now: the version of each series it returns.</summary>
public interface IVersionProbe
{
    /// <summary>The name of the source, for people ("Prometheus").</summary>
    string Source { get; }

    /// <summary>The version each series reports (its `version` label, else its value); null when the service has no
    /// query to ask. Throws when the source cannot answer.</summary>
    Task<IReadOnlyList<string>?> VersionsAsync(string service, CancellationToken ct);
}
