using System.Collections.Concurrent;
using ChatOps.Core.Commands;
using ChatOps.Core.Replies;
using ChatOps.Core.Slack;
using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Access;

/// <summary>Decides whether a Slack user, in a channel, may run a command; refusals say what is missing.</summary>
public sealed class AccessPolicy(AccessOptions options, ISlackClient slack, TimeProvider clock, ILogger<AccessPolicy> log,
    Environments.EnvironmentCatalog? environments = null)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, IReadOnlySet<string> Members)> _groups = new();

    /// <returns>Null when allowed, else the refusal to show.</returns>
    public Task<string?> RefusalAsync(CommandInfo command, string userId, string channelId, CancellationToken ct = default) =>
        RefusalAsync(command, userId, channelId, null, ct);

    /// <param name="environment">Where the command would run; null is the default environment. Only rules for it count.</param>
    public async Task<string?> RefusalAsync(CommandInfo command, string userId, string channelId, string? environment, CancellationToken ct = default)
    {
        var rules = Rules(command, environment).ToList();
        if (rules.Count == 0)
            return command.Mutating
                ? $"Nobody may run {Mrkdwn.Code(command.Name)} yet: it changes production, so it needs an Access rule naming who may."
                : null;

        var userAllowed = new List<AccessRule>();
        foreach (var rule in rules)
            if (await IsMemberAsync(rule, userId, ct).ConfigureAwait(false)) userAllowed.Add(rule);
        if (userAllowed.Count == 0)
            return $"You may not run {Mrkdwn.Code(command.Name)}. It is allowed to {Who(rules)}.";
        if (userAllowed.Any(r => AccessRule.Split(r.Channels) is var channels && (channels.Count == 0 || channels.Contains(channelId))))
            return null;
        var places = userAllowed.SelectMany(r => AccessRule.Split(r.Channels)).Distinct().Select(Mrkdwn.Channel);
        return $"{Mrkdwn.Code(command.Name)} may not be run here. Run it in {string.Join(", ", places)}.";
    }

    /// <summary>Two-person rule: true when any rule naming the command asks for it.</summary>
    public bool RequiresApproval(CommandInfo command) => RequiresApproval(command, null);

    /// <summary>The same, for the rules of one environment (null: the default).</summary>
    public bool RequiresApproval(CommandInfo command, string? environment) => Rules(command, environment).Any(r => r.RequireApproval);

    private IEnumerable<AccessRule> Rules(CommandInfo command, string? environment)
    {
        var name = environment ?? environments?.Default.Name;
        return options.Rules.Where(r => r.Names(command) && r.AppliesTo(name));
    }

    private async Task<bool> IsMemberAsync(AccessRule rule, string userId, CancellationToken ct)
    {
        var users = AccessRule.Split(rule.Users);
        var groups = AccessRule.Split(rule.Groups);
        if (users.Count == 0 && groups.Count == 0) return true;
        if (users.Contains(userId)) return true;
        foreach (var group in groups)
            if ((await MembersAsync(group, ct).ConfigureAwait(false)).Contains(userId)) return true;
        return false;
    }

    private async Task<IReadOnlySet<string>> MembersAsync(string group, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_groups.TryGetValue(group, out var cached) && cached.Until > now) return cached.Members;
        var members = (await slack.UserGroupMembersAsync(group, ct).ConfigureAwait(false)).ToHashSet();
        _groups[group] = (now + options.GroupCacheTime, members);
        log.LogInformation("User group {Group} has {Count} members", group, members.Count);
        return members;
    }

    private static string Who(IEnumerable<AccessRule> rules) => string.Join(", ", rules
        .SelectMany(r => AccessRule.Split(r.Users).Select(Mrkdwn.User).Concat(AccessRule.Split(r.Groups).Select(Mrkdwn.Group)))
        .Distinct());
}
