using ChatOps.OpsService.Config;
using ChatOps.OpsService.Grpc;
using ChatOps.Wire.Ops;
using Google.Protobuf;
using Grpc.Core;

namespace ChatOps.OpsService.Service;

/// <summary>The configuration push methods: the work is in ConfigPushes; these only map.</summary>
internal sealed partial class OpsImplementation
{
    public override async Task<ListConfigTargetsResp> ListConfigTargets(ListConfigTargetsReq r, ServerCallContext call)
    {
        var response = new ListConfigTargetsResp();
        foreach (var t in configs.Targets)
        {
            response.Targets.Add(new Wire.Ops.ConfigTarget
            {
                Name = t.Name, Format = t.Format.ToString().ToLowerInvariant(), MaxBytes = t.MaxBytes,
                Revision = ConfigRevision.Of(await ConfigPushes.ReadAsync(t, call.CancellationToken)),
                Validator = t.Validate?[0] ?? "", Reload = t.ReloadUrl is not null ? "http" : t.ReloadCommand?[0] ?? "", Verify = t.Verify ?? "",
            });
        }
        return response;
    }

    public override async Task<GetConfigResp> GetConfig(GetConfigReq r, ServerCallContext call)
    {
        if (configs.Find(r.Target) is not { } target) return new GetConfigResp { Refusal = ConfigPushes.UnknownTarget(r.Target, configs.Targets) };
        var content = await ConfigPushes.ReadAsync(target, call.CancellationToken);
        return new GetConfigResp
        {
            Revision = ConfigRevision.Of(content), Content = content is null ? ByteString.Empty : ByteString.CopyFrom(content),
            FileName = Path.GetFileName(target.Path),
        };
    }

    public override async Task<PlanConfigResp> PlanConfig(PlanConfigReq r, ServerCallContext call)
    {
        if (configs.Find(r.Target) is not { } target) return new PlanConfigResp { Refusal = ConfigPushes.UnknownTarget(r.Target, configs.Targets) };
        var plan = await configs.PlanAsync(target, r.Content.ToByteArray(), call.CancellationToken);
        var response = new PlanConfigResp
        {
            Refusal = plan.Problem ?? "", CurrentRevision = plan.CurrentRevision, CandidateRevision = plan.CandidateRevision, Diff = plan.Diff,
        };
        response.Output.AddRange(plan.Output);
        return response;
    }

    public override async Task<ConfigChangeResp> PushConfig(PushConfigReq r, ServerCallContext call)
    {
        if (configs.Find(r.Target) is not { } target) return new ConfigChangeResp { Outcome = "refused", Refusal = ConfigPushes.UnknownTarget(r.Target, configs.Targets) };
        if (!ConfigRevision.IsWellFormed(r.ExpectedRevision))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "expected_revision must be a revision (12 hex digits, or none)"));
        if (r.Content.IsEmpty && !ConfigRevision.IsWellFormed(r.CandidateRevision))
            throw new RpcException(new Status(StatusCode.InvalidArgument, "content or a planned candidate_revision is required"));
        var result = await configs.PushAsync(target, r.Content.IsEmpty ? null : r.Content.ToByteArray(), r.CandidateRevision, r.ExpectedRevision,
            Requester(r.RequestedBy, r.ConfirmedBy, call), call.CancellationToken);
        return ChangeWire(result);
    }

    public override async Task<ConfigChangeResp> RollbackConfig(RollbackConfigReq r, ServerCallContext call)
    {
        if (configs.Find(r.Target) is not { } target) return new ConfigChangeResp { Outcome = "refused", Refusal = ConfigPushes.UnknownTarget(r.Target, configs.Targets) };
        if ((r.Revision.Length > 0 && !ConfigRevision.IsWellFormed(r.Revision)) || (r.ExpectedRevision.Length > 0 && !ConfigRevision.IsWellFormed(r.ExpectedRevision)))
            return new ConfigChangeResp { Outcome = "refused", Refusal = $"'{MetadataText.Sanitise(r.Revision)}' is not a revision (12 hex digits)" };
        var revision = r.Revision.Length > 0 ? r.Revision : null;
        var expected = r.ExpectedRevision.Length > 0 ? r.ExpectedRevision : null;
        if (r.PlanOnly) return ChangeWire(await configs.PlanRollbackAsync(target, revision, call.CancellationToken));
        return ChangeWire(await configs.RollbackAsync(target, revision, expected, Requester(r.RequestedBy, r.ConfirmedBy, call), call.CancellationToken));
    }

    public override async Task<ConfigHistoryResp> ConfigHistory(ConfigHistoryReq r, ServerCallContext call)
    {
        if (configs.Find(r.Target) is not { } target) return new ConfigHistoryResp { Refusal = ConfigPushes.UnknownTarget(r.Target, configs.Targets) };
        var limit = r.Limit > 0 ? Math.Min(r.Limit, MaxListLimit) : DefaultListLimit;
        var response = new ConfigHistoryResp();
        foreach (var c in await configs.HistoryAsync(target, limit, call.CancellationToken))
        {
            var wire = new ConfigChange
            {
                Revision = c.Revision, Previous = c.Previous, Action = c.Action, Outcome = c.Outcome, RequestedBy = c.RequestedBy,
                ConfirmedBy = c.ConfirmedBy, At = Nanos.From(c.At), Diff = c.Diff,
            };
            wire.Output.AddRange(c.Output);
            response.Changes.Add(wire);
        }
        return response;
    }

    private static ConfigChangeResp ChangeWire(ConfigPushResult result)
    {
        var wire = new ConfigChangeResp
        {
            Outcome = result.Outcome, Refusal = result.Refusal ?? "", Revision = result.Revision, Previous = result.Previous, Diff = result.Diff,
        };
        wire.Output.AddRange(result.Output);
        return wire;
    }

    private static ConfigRequester Requester(string requestedBy, string confirmedBy, ServerCallContext call)
    {
        var confirmer = confirmedBy.Length > 0 ? confirmedBy : MetadataText.Of(call, "x-chatops-user");
        return new ConfigRequester(MetadataText.Sanitise(requestedBy.Length > 0 ? requestedBy : confirmer), MetadataText.Sanitise(confirmer));
    }
}
