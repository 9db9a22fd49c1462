namespace ChatOps.Core.Options;

/// <summary>Worker settings (section "Worker").</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>How many times the queue delivers a message before it goes to the poison queue
    /// (host.json's maxDequeueCount). On that last attempt a transient backend failure is answered
    /// with its cause instead of the generic poison notice.</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How often the bot looks at a deployment it follows (Worker__DeploymentPoll).</summary>
    public TimeSpan DeploymentPoll { get; set; } = TimeSpan.FromSeconds(10);
}
