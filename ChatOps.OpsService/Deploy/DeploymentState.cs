namespace ChatOps.OpsService.Deploy;

public enum DeploymentState
{
    Running,
    Succeeded,

    /// <summary>The action exited non-zero, or could not be started.</summary>
    Failed,

    /// <summary>The action ran past its timeout; its process group was killed.</summary>
    TimedOut,

    /// <summary>The Ops service stopped while it ran (found so at the next start, or killed at shutdown).</summary>
    Interrupted,
}
