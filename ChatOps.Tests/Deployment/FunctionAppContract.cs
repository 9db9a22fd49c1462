namespace ChatOps.Tests.Deployment;

/// <summary>What infra/, compose and the Slack manifest assume about the function app: its function
/// names, the slack route, the queues and the dedupe container. The functions declare these in their
/// attributes (Functions/*.cs in ChatOps.Functions); the deployment files must agree with them.</summary>
internal static class FunctionAppContract
{
    /// <summary>The folder of the isolated-worker project: host.json and the sample settings live here.</summary>
    public const string ProjectFolder = "ChatOps.Functions";

    public const string SlackFunction = "slack";
    public const string WorkerFunction = "worker";
    public const string PoisonFunction = "poison";

    /// <summary>The slack function's HTTP route, under host.json's routePrefix.</summary>
    public const string SlackRoute = "slack";

    /// <summary>The slack function's output, the worker's trigger and the worker's own re-enqueue.</summary>
    public const string CommandQueue = "chatops-commands";

    /// <summary>The poison function's trigger: the host's &lt;queue&gt;-poison convention.</summary>
    public const string PoisonQueue = CommandQueue + "-poison";

    /// <summary>The worker's once-only markers, written with the Blobs SDK (conditional creates).</summary>
    public const string DedupeContainer = "chatops-dedupe";

    /// <summary>The on-call overrides: kept up to a month, so out of reach of the dedupe markers' 7-day rule.</summary>
    public const string OnCallContainer = "chatops-oncall";

    public static string HostJsonPath => DeploymentFiles.PathOf(ProjectFolder, "host.json");
}
