namespace ChatOps.OpsService.Deploy;

/// <summary>How one service is deployed: an executable and an argument template, run without a shell.</summary>
public sealed class DeployServiceOptions
{
    public const string DefaultVersionPattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    /// <summary>The executable (a path, or a name looked up on PATH).</summary>
    public string Command { get; set; } = "";

    /// <summary>Words separated by spaces ('…' or "…" keep spaces inside one word); {version} and {service}
    /// are replaced inside each word after splitting, so a version can never become extra arguments.</summary>
    public string Arguments { get; set; } = "";

    public string VersionPattern { get; set; } = DefaultVersionPattern;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The action's whole environment besides PATH, HOME and LANG (OpsService__Deploy__Services__x__Environment__KUBECONFIG=…).</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Optional PromQL whose first series' `version` label is the version running now: recorded as the
    /// deployment's previous version (else the last successful one in the history).</summary>
    public string? VersionQuery { get; set; }

    /// <summary>After the action exits 0, how long to wait for the version query (the service's own, else the default one)
    /// to report the new version on every series; 00:00:00 switches the check off.</summary>
    public TimeSpan VerifyFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Folder to run in; empty = the Ops service's own.</summary>
    public string? WorkingDirectory { get; set; }
}
