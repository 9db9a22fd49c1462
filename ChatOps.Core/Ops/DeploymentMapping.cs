using ChatOps.Core.Ops.Model;
using ChatOps.Wire.Ops;

namespace ChatOps.Core.Ops;

/// <summary>The wire's Deployment to the project's record.</summary>
internal static class DeploymentMapping
{
    public static DeploymentInfo From(Deployment d) => new(
        d.Id, d.Service, d.Version, d.PreviousVersion.Length > 0 ? d.PreviousVersion : null, d.Rollback, d.RequestedBy, d.ConfirmedBy,
        UnixNanos.ToTime(d.Started), d.Finished > 0 ? UnixNanos.ToTime(d.Finished) : null, State(d.State), d.Exited ? d.ExitCode : null,
        d.Output.ToList())
    {
        TraceId = d.TraceId.Length > 0 ? d.TraceId : null,
        Verification = d.Verification.Length > 0 ? d.Verification : null,
        VerificationNote = d.VerificationNote.Length > 0 ? d.VerificationNote : null,
    };

    private static DeploymentState State(string state) => state switch
    {
        "running" => DeploymentState.Running,
        "succeeded" => DeploymentState.Succeeded,
        "failed" => DeploymentState.Failed,
        "timed_out" => DeploymentState.TimedOut,
        _ => DeploymentState.Interrupted,
    };
}
