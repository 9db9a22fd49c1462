namespace ChatOps.Functions;

/// <summary>The names the bindings, host.json, the Bicep and local mode must agree on (a test reads the
/// generated functions.metadata and checks them).</summary>
public static class FunctionNames
{
    public const string Slack = "slack";
    public const string Worker = "worker";
    public const string Poison = "poison";
    public const string Alertmanager = "alertmanager";

    public const string CommandsQueue = "chatops-commands";
    public const string PoisonQueue = CommandsQueue + "-poison";
    public const string DedupeContainer = "chatops-dedupe";

    /// <summary>The app setting (or section) naming the storage account, as the bindings' default.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";
}
