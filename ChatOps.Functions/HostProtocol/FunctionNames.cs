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

    /// <summary>worker's blob input (what was stored under the message's dedupeKey) and output (what to store).</summary>
    public const string DedupeInput = "handledBefore";
    public const string DedupeOutput = "handled";

    /// <summary>The blob container of the dedupe store; one small blob per answered Slack event.</summary>
    public const string DedupeContainer = "chatops-dedupe";

    /// <summary>The queue message property the blob paths use: {dedupeKey}.</summary>
    public const string DedupeKeyProperty = "dedupeKey";

    public const string CommandsQueue = "chatops-commands";
    public const string PoisonQueue = CommandsQueue + "-poison";
}
