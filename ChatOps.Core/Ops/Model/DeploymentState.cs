namespace ChatOps.Core.Ops.Model;

public enum DeploymentState
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Interrupted,
}
