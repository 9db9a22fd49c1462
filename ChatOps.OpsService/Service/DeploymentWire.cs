using ChatOps.OpsService.Deploy;
using ChatOps.Wire.Ops;
using Grpc.Core;

namespace ChatOps.OpsService.Service;

/// <summary>Deployment records to the wire and back.</summary>
internal static class DeploymentWire
{
    public static Deployment ToWire(DeploymentRecord d)
    {
        var wire = new Deployment
        {
            Id = d.Id,
            Service = d.Service,
            Version = d.Version,
            PreviousVersion = d.PreviousVersion ?? "",
            Rollback = d.Rollback,
            RequestedBy = d.RequestedBy,
            ConfirmedBy = d.ConfirmedBy,
            TraceId = d.TraceId,
            Started = Nanos.From(d.StartedAt),
            Finished = d.FinishedAt is { } f ? Nanos.From(f) : 0,
            State = d.State switch
            {
                DeploymentState.Running => "running",
                DeploymentState.Succeeded => "succeeded",
                DeploymentState.Failed => "failed",
                DeploymentState.TimedOut => "timed_out",
                _ => "interrupted",
            },
            Exited = d.ExitCode is not null,
            ExitCode = d.ExitCode ?? 0,
            Verification = d.Verification ?? "",
            VerificationNote = d.VerificationNote ?? "",
        };
        wire.Output.AddRange(d.Output);
        return wire;
    }

    public static DeploymentResp Answer(DeployStart start) =>
        start.Deployment is { } d ? new DeploymentResp { Deployment = ToWire(d), TargetVersion = d.Version } : new DeploymentResp { Refusal = start.Refusal ?? "refused" };

    /// <summary>The trace id of the caller's W3C traceparent (version-traceid-parentid-flags), or empty.</summary>
    public static string TraceId(ServerCallContext call)
    {
        var parts = (call.RequestHeaders.GetValue("traceparent") ?? "").Split('-');
        return parts.Length == 4 && parts[1].Length == 32 && parts[1].All(Uri.IsHexDigit) ? parts[1].ToLowerInvariant() : "";
    }
}
