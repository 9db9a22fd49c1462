namespace ChatOps.OpsService.Deploy;

/// <summary>Deploy actions, one per service (OpsService__Deploy__Services__&lt;name&gt;__Command, …), and where
/// the history is kept (OpsService__Deploy__HistoryFile). No services = deployments are off.</summary>
public sealed class DeployOptions
{
    public Dictionary<string, DeployServiceOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>JSON lines, one per change of a deployment; read back at start so history survives restarts.</summary>
    public string HistoryFile { get; set; } = "deployments.jsonl";

    /// <summary>Lines of output kept per deployment (the newest ones), for the status and the history.</summary>
    public int MaxOutputLines { get; set; } = 200;

    /// <summary>How often the version query is asked while a succeeded deployment is being verified.</summary>
    public TimeSpan VerifyPoll { get; set; } = TimeSpan.FromSeconds(5);
}
