using ChatOps.OpsService.Deploy;
using ChatOps.OpsService.Grpc;
using ChatOps.Wire.Ops;
using Grpc.Core;

namespace ChatOps.OpsService.Service;

/// <summary>The deployment methods: the work is in the Deployments class; these only map.</summary>
internal sealed partial class OpsImplementation
{
    private const int DefaultListLimit = 10;
    private const int MaxListLimit = 100;

    public override async Task<DeploymentResp> Deploy(DeployReq r, ServerCallContext call)
    {
        var request = Request(r.Service, r.Version, r.RequestedBy, r.ConfirmedBy, call) with { ExpectedLast = r.HasExpectedLast ? r.ExpectedLast : null };
        if (r.PlanOnly)
            return deployments.Check(request) is { } refusal
                ? new DeploymentResp { Refusal = refusal }
                : new DeploymentResp { TargetVersion = r.Version, LastDeployment = deployments.LastId(r.Service) };
        if (deployments.Check(request) is null) request = request with { RunningVersion = await RunningVersionAsync(r.Service, call) };
        return DeploymentWire.Answer(deployments.Start(request));
    }

    /// <summary>The service's version query (the default one when it has none), recorded as what ran before; a deployment
    /// still starts without its answer (the history names the previous version then).</summary>
    private async Task<string?> RunningVersionAsync(string service, ServerCallContext call)
    {
        if (!options.Deploy.Services.TryGetValue(service, out var s)) return null;
        var query = string.IsNullOrWhiteSpace(s.VersionQuery) ? options.VersionQuery : s.VersionQuery;
        if (string.IsNullOrWhiteSpace(query)) return null;
        try
        {
            var samples = await prometheus.QueryAsync(query, call.CancellationToken);
            return samples.FirstOrDefault() is { } first ? first.Labels.GetValueOrDefault("version") ?? first.Value : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Version query of {Service} failed ({Error}); the history names the previous version", service, ex.Message);
            return null;
        }
    }

    public override async Task<DeploymentResp> Rollback(RollbackReq r, ServerCallContext call)
    {
        var (target, refusal) = deployments.RollbackTarget(r.Service);
        if (target is null) return new DeploymentResp { Refusal = refusal ?? "nothing to roll back to" };
        var request = Request(r.Service, target, r.RequestedBy, r.ConfirmedBy, call) with
        {
            Rollback = true, ExpectedLast = r.HasExpectedLast ? r.ExpectedLast : null,
        };
        // The history check comes first: when something ran since the prompt, that is the reason the target moved.
        var stale = deployments.Check(request);
        if (stale is null && r.TargetVersion.Length > 0 && r.TargetVersion != target)
            stale = $"the rollback of {r.Service} would now go to {target}, not to {r.TargetVersion} as the prompt said. Ask again";
        if (r.PlanOnly)
            return stale is not null
                ? new DeploymentResp { Refusal = stale }
                : new DeploymentResp { TargetVersion = target, LastDeployment = deployments.LastId(r.Service) };
        if (stale is not null) return new DeploymentResp { Refusal = stale };
        request = request with { RunningVersion = await RunningVersionAsync(r.Service, call) };
        return DeploymentWire.Answer(deployments.Start(request));
    }

    public override Task<DeploymentResp> DeploymentStatus(DeploymentStatusReq r, ServerCallContext call) =>
        deployments.Status(r.Id) is { } d
            ? Task.FromResult(new DeploymentResp { Deployment = DeploymentWire.ToWire(d), TargetVersion = d.Version })
            : throw new RpcException(new Status(StatusCode.NotFound, $"no deployment {MetadataText.Sanitise(r.Id)}"));

    public override Task<ListDeploymentsResp> ListDeployments(ListDeploymentsReq r, ServerCallContext call)
    {
        var limit = r.Limit > 0 ? Math.Min(r.Limit, MaxListLimit) : DefaultListLimit;
        var response = new ListDeploymentsResp();
        // The list is for people: the output tails stay in DeploymentStatus.
        response.Deployments.AddRange(deployments.List(r.Service, limit).Select(d => DeploymentWire.ToWire(d with { Output = [] })));
        return Task.FromResult(response);
    }

    private static DeployRequest Request(string service, string version, string requestedBy, string confirmedBy, ServerCallContext call)
    {
        var confirmer = confirmedBy.Length > 0 ? confirmedBy : MetadataText.Of(call, "x-chatops-user");
        return new DeployRequest(service, version, MetadataText.Sanitise(requestedBy.Length > 0 ? requestedBy : confirmer),
            MetadataText.Sanitise(confirmer), DeploymentWire.TraceId(call));
    }
}
