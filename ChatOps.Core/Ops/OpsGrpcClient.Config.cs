using ChatOps.Core.Ops.Model;
using ChatOps.Wire.Ops;
using Google.Protobuf;

namespace ChatOps.Core.Ops;

/// <summary>The configuration push methods: wire to the project's records and back.</summary>
public sealed partial class OpsGrpcClient
{
    public async Task<IReadOnlyList<ConfigTargetInfo>> ListConfigTargetsAsync(OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("ListConfigTargets", o => _client.ListConfigTargetsAsync(new ListConfigTargetsReq(), o), caller, ct).ConfigureAwait(false);
        return r.Targets.Select(t => new ConfigTargetInfo(t.Name, t.Format, t.MaxBytes, t.Revision, Text(t.Validator), Text(t.Reload), Text(t.Verify))).ToList();
    }

    public async Task<ConfigFile> GetConfigAsync(string target, OpsCaller caller, CancellationToken ct = default)
    {
        var r = await CallAsync("GetConfig", o => _client.GetConfigAsync(new GetConfigReq { Target = target }, o), caller, ct).ConfigureAwait(false);
        return new ConfigFile(Text(r.Refusal), r.Revision, r.Content.ToByteArray(), r.FileName);
    }

    public async Task<ConfigPlanInfo> PlanConfigAsync(string target, byte[] content, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new PlanConfigReq { Target = target, Content = ByteString.CopyFrom(content) };
        var r = await CallAsync("PlanConfig", o => _client.PlanConfigAsync(request, o), caller, ct).ConfigureAwait(false);
        return new ConfigPlanInfo(Text(r.Refusal), r.Output.ToList(), r.CurrentRevision, r.CandidateRevision, r.Diff);
    }

    public async Task<ConfigChangeResult> PushConfigAsync(ConfigPushOrder order, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new PushConfigReq
        {
            Target = order.Target, Content = order.Content is null ? ByteString.Empty : ByteString.CopyFrom(order.Content),
            CandidateRevision = order.CandidateRevision, ExpectedRevision = order.ExpectedRevision,
            RequestedBy = order.RequestedBy, ConfirmedBy = order.ConfirmedBy,
        };
        return Change(await CallAsync("PushConfig", o => _client.PushConfigAsync(request, o), caller, ct).ConfigureAwait(false));
    }

    public async Task<ConfigHistoryInfo> ConfigHistoryAsync(string target, int limit, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new ConfigHistoryReq { Target = target, Limit = limit };
        var r = await CallAsync("ConfigHistory", o => _client.ConfigHistoryAsync(request, o), caller, ct).ConfigureAwait(false);
        return new ConfigHistoryInfo(Text(r.Refusal), r.Changes.Select(c => new ConfigChangeInfo(c.Revision, c.Previous, c.Action, c.Outcome,
            c.RequestedBy, c.ConfirmedBy, UnixNanos.ToTime(c.At), c.Diff, c.Output.ToList())).ToList());
    }

    public async Task<ConfigChangeResult> RollbackConfigAsync(ConfigRollbackOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default)
    {
        var request = new RollbackConfigReq
        {
            Target = order.Target, Revision = order.Revision ?? "", ExpectedRevision = order.ExpectedRevision ?? "",
            RequestedBy = order.RequestedBy, ConfirmedBy = order.ConfirmedBy, PlanOnly = planOnly,
        };
        return Change(await CallAsync("RollbackConfig", o => _client.RollbackConfigAsync(request, o), caller, ct).ConfigureAwait(false));
    }

    private static ConfigChangeResult Change(ConfigChangeResp r) =>
        new(r.Outcome, Text(r.Refusal), r.Revision, r.Previous, r.Output.ToList(), r.Diff);

    private static string? Text(string value) => value.Length > 0 ? value : null;
}
