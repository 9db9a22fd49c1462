using System.Security.Cryptography;
using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;

namespace ChatOps.Tests.Support;

/// <summary>Configuration targets keyed by name as the Ops service keys them: each with its own content, planned
/// candidates and history; a push over a revision that is no longer current is refused as the service refuses it.</summary>
public sealed partial class FakeOpsClient
{
    public Dictionary<string, byte[]> ConfigFiles { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, List<ConfigChangeInfo>> ConfigChanges { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Set: every plan is refused with this and the output below (a validator's verdict).</summary>
    public string? ConfigPlanRefusal { get; set; }
    public IReadOnlyList<string> ConfigOutput { get; set; } = [];
    /// <summary>Set: the diff every plan answers with (a long one, say) instead of the one-line default.</summary>
    public string? ConfigDiff { get; set; }
    private readonly Dictionary<string, byte[]> _planned = new();

    public static string Revision(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    private string? Unknown(string target) =>
        ConfigFiles.ContainsKey(target) ? null : $"there is no config target '{target}'; targets: {string.Join(", ", ConfigFiles.Keys.Order())}";

    public Task<IReadOnlyList<ConfigTargetInfo>> ListConfigTargetsAsync(OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer<IReadOnlyList<ConfigTargetInfo>>("ListConfigTargets", null, caller,
            ConfigFiles.OrderBy(f => f.Key).Select(f => new ConfigTargetInfo(f.Key, "yaml", 262144, Revision(f.Value), "promtool", "http", null)).ToList()));

    public Task<ConfigFile> GetConfigAsync(string target, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("GetConfig", target, caller, Unknown(target) is { } refusal
            ? new ConfigFile(refusal, "", [], "")
            : new ConfigFile(null, Revision(ConfigFiles[target]), ConfigFiles[target], target + ".yml")));

    public Task<ConfigPlanInfo> PlanConfigAsync(string target, byte[] content, OpsCaller caller, CancellationToken ct = default)
    {
        Answer("PlanConfig", target, caller, 0);
        if (Unknown(target) is { } refusal) return Task.FromResult(new ConfigPlanInfo(refusal, [], "", "", ""));
        var current = Revision(ConfigFiles[target]);
        if (ConfigPlanRefusal is { } no) return Task.FromResult(new ConfigPlanInfo(no, ConfigOutput, current, Revision(content), ""));
        _planned[Revision(content)] = content;
        return Task.FromResult(new ConfigPlanInfo(null, [], current, Revision(content),
            ConfigDiff ?? $"--- {target} (current)\n+++ {target} (new)\n@@ -1 +1 @@\n+new line"));
    }

    public Task<ConfigChangeResult> PushConfigAsync(ConfigPushOrder order, OpsCaller caller, CancellationToken ct = default)
    {
        Answer("PushConfig", order, caller, 0);
        lock (ConfigFiles)
        {
            var current = Revision(ConfigFiles[order.Target]);
            if (current != order.ExpectedRevision)
                return Task.FromResult(new ConfigChangeResult("refused", $"{order.Target} changed since the diff was shown", current, current, [], ""));
            if ((order.Content ?? _planned.GetValueOrDefault(order.CandidateRevision)) is not { } content)
                return Task.FromResult(new ConfigChangeResult("refused", "no planned revision", current, current, [], ""));
            ConfigFiles[order.Target] = content;
            Changes(order.Target).Insert(0, new ConfigChangeInfo(Revision(content), current, "push", "applied", order.RequestedBy, order.ConfirmedBy,
                DateTimeOffset.UtcNow, "+new line", []));
            return Task.FromResult(new ConfigChangeResult("applied", null, Revision(content), current, ConfigOutput, "+new line"));
        }
    }

    public Task<ConfigHistoryInfo> ConfigHistoryAsync(string target, int limit, OpsCaller caller, CancellationToken ct = default) =>
        Task.FromResult(Answer("ConfigHistory", target, caller, Unknown(target) is { } refusal
            ? new ConfigHistoryInfo(refusal, [])
            : new ConfigHistoryInfo(null, Changes(target).Take(limit).ToList())));

    public Task<ConfigChangeResult> RollbackConfigAsync(ConfigRollbackOrder order, bool planOnly, OpsCaller caller, CancellationToken ct = default)
    {
        Answer(planOnly ? "RollbackConfigPlan" : "RollbackConfig", order, caller, 0);
        if (Unknown(order.Target) is { } refusal) return Task.FromResult(new ConfigChangeResult("refused", refusal, "", "", [], ""));
        var current = Revision(ConfigFiles[order.Target]);
        var back = order.Revision ?? Changes(order.Target).FirstOrDefault(c => c.Revision == current)?.Previous;
        if (back is null) return Task.FromResult(new ConfigChangeResult("refused", $"{order.Target} has no earlier revision to roll back to", current, current, [], ""));
        return Task.FromResult(new ConfigChangeResult(planOnly ? "planned" : "applied", null, back, current, [], "-new line"));
    }

    private List<ConfigChangeInfo> Changes(string target)
    {
        if (!ConfigChanges.TryGetValue(target, out var list)) ConfigChanges[target] = list = [];
        return list;
    }
}
