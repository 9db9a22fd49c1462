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

    /// <summary>How long after a confirmation the bot keeps looking at a deployment while the Ops service cannot be
    /// reached (Worker__DeploymentFollowFor): the longest action timeout of the Ops service's services (15 min by
    /// default) plus a margin. Only then does the message say the bot lost track.</summary>
    public TimeSpan DeploymentFollowFor { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long after the command the bot keeps looking for a profile while the Ops service cannot be reached
    /// (Worker__ProfileCollectFor); then the thread says it was lost. The Ops service's OpsService__Profiles__KeepFor
    /// (15 min by default) is the useful most: past it, the profile is gone anyway.</summary>
    public TimeSpan ProfileCollectFor { get; set; } = TimeSpan.FromMinutes(15);
}
