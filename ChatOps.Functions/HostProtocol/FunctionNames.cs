namespace ChatOps.Functions.HostProtocol;

/// <summary>
/// Names shared with the function.json files at the repo root (folder = function name, binding
/// names, queue names). ChatOps.Tests checks that both sides agree.
/// </summary>
public static class FunctionNames
{
    public const string Slack = "slack";
    public const string Worker = "worker";
    public const string Poison = "poison";

    public const string HttpTrigger = "req";
    public const string HttpOutput = "res";
    public const string QueueOutput = "message";
    public const string QueueTrigger = "message";

    public const string CommandsQueue = "chatops-commands";
    public const string PoisonQueue = CommandsQueue + "-poison";
}
