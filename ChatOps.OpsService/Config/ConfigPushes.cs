using System.Text;

namespace ChatOps.OpsService.Config;

/// <summary>
/// Plans, pushes and rolls back configuration files, one change per target at a time. A push writes only a
/// candidate that passed every check, only over the revision its diff was made against; the previous content is
/// kept as a revision first; a failed reload or verification puts it back and reloads again.
/// </summary>
public sealed class ConfigPushes(ConfigTargets targets, ConfigHistory history, ConfigChecks checks, ConfigLocks locks, TimeProvider clock,
    ILogger<ConfigPushes> log)
{
    public IReadOnlyList<ConfigTarget> Targets => targets.All;

    public ConfigTarget? Find(string name) => targets.Find(name);

    public static string UnknownTarget(string name, IEnumerable<ConfigTarget> all) =>
        $"there is no config target '{name}'; targets: {string.Join(", ", all.Select(t => t.Name))}";

    public static async Task<byte[]?> ReadAsync(ConfigTarget target, CancellationToken ct) =>
        File.Exists(target.Path) ? await File.ReadAllBytesAsync(target.Path, ct).ConfigureAwait(false) : null;

    /// <summary>Checks a candidate and diffs it against the file as it is now; nothing of the target is written. A
    /// candidate that passes is kept, so a later push can name it by revision.</summary>
    public async Task<ConfigPlan> PlanAsync(ConfigTarget target, byte[] candidate, CancellationToken ct)
    {
        var current = await ReadAsync(target, ct).ConfigureAwait(false);
        var currentRevision = ConfigRevision.Of(current);
        var candidateRevision = ConfigRevision.Of(candidate);
        if (CandidateCheck.Problem(candidate, target) is { } problem) return new ConfigPlan(problem, [], currentRevision, candidateRevision, "");
        var (invalid, output) = await ValidateAsync(target, candidate, ct).ConfigureAwait(false);
        if (invalid is not null) return new ConfigPlan(invalid, output, currentRevision, candidateRevision, "");
        using (await locks.TakeAsync(target.Name, ct).ConfigureAwait(false))
        {
            await history.KeepAsync(target.Name, candidateRevision, candidate, ct).ConfigureAwait(false);
            var pruned = await history.PruneCandidatesAsync(target.Name, clock.GetUtcNow(), ct).ConfigureAwait(false);
            if (pruned > 0) log.LogInformation("Config {Target}: {Count} old planned candidates pruned", target.Name, pruned);
        }
        return new ConfigPlan(null, output, currentRevision, candidateRevision, Diff(target, current, candidate));
    }

    /// <summary>Pushes <paramref name="candidate"/> (or, when null, the planned candidate <paramref name="candidateRevision"/>)
    /// over <paramref name="expectedRevision"/>.</summary>
    public async Task<ConfigPushResult> PushAsync(ConfigTarget target, byte[]? candidate, string candidateRevision, string expectedRevision,
        ConfigRequester by, CancellationToken ct)
    {
        using (await locks.TakeAsync(target.Name, ct).ConfigureAwait(false))
        {
            candidate ??= await history.ContentAsync(target.Name, candidateRevision, ct).ConfigureAwait(false);
            var current = await ReadAsync(target, ct).ConfigureAwait(false);
            var currentRevision = ConfigRevision.Of(current);
            if (candidate is null)
                return ConfigPushResult.Refused($"there is no planned revision {candidateRevision} of {target.Name}; drop the file again", currentRevision);
            return await ApplyAsync(target, "push", candidate, current, expectedRevision, by, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Puts back <paramref name="revision"/>, or (null) the revision the newest applied change replaced.</summary>
    public async Task<ConfigPushResult> RollbackAsync(ConfigTarget target, string? revision, string? expectedRevision, ConfigRequester by, CancellationToken ct)
    {
        using (await locks.TakeAsync(target.Name, ct).ConfigureAwait(false))
        {
            var current = await ReadAsync(target, ct).ConfigureAwait(false);
            var currentRevision = ConfigRevision.Of(current);
            revision ??= await RollbackTargetAsync(target, currentRevision, ct).ConfigureAwait(false);
            if (revision is null) return ConfigPushResult.Refused($"{target.Name} has no earlier revision to roll back to", currentRevision);
            var content = await history.ContentAsync(target.Name, revision, ct).ConfigureAwait(false);
            if (content is null) return ConfigPushResult.Refused($"{target.Name} has no revision {revision}; `config history {target.Name}` lists them", currentRevision);
            return await ApplyAsync(target, "rollback", content, current, expectedRevision ?? currentRevision, by, ct).ConfigureAwait(false);
        }
    }

    /// <summary>What a rollback would do now: the revision it goes back to and the diff; nothing is written.</summary>
    public async Task<ConfigPushResult> PlanRollbackAsync(ConfigTarget target, string? revision, CancellationToken ct)
    {
        var current = await ReadAsync(target, ct).ConfigureAwait(false);
        var currentRevision = ConfigRevision.Of(current);
        revision ??= await RollbackTargetAsync(target, currentRevision, ct).ConfigureAwait(false);
        if (revision is null) return ConfigPushResult.Refused($"{target.Name} has no earlier revision to roll back to", currentRevision);
        var content = await history.ContentAsync(target.Name, revision, ct).ConfigureAwait(false);
        if (content is null) return ConfigPushResult.Refused($"{target.Name} has no revision {revision}; `config history {target.Name}` lists them", currentRevision);
        if (revision == currentRevision) return new ConfigPushResult("unchanged", null, currentRevision, currentRevision, [], "");
        return new ConfigPushResult("planned", null, revision, currentRevision, [], Diff(target, current, content));
    }

    /// <summary>The revision the newest applied change to the current content replaced.</summary>
    public async Task<string?> RollbackTargetAsync(ConfigTarget target, string currentRevision, CancellationToken ct)
    {
        var records = await history.ListAsync(target.Name, 1000, ct).ConfigureAwait(false);
        var last = records.FirstOrDefault(r => r.Outcome == "applied" && r.Revision == currentRevision);
        return last is null || last.Previous == ConfigRevision.None ? null : last.Previous;
    }

    public Task<IReadOnlyList<ConfigRecord>> HistoryAsync(ConfigTarget target, int limit, CancellationToken ct) => history.ListAsync(target.Name, limit, ct);

    private async Task<ConfigPushResult> ApplyAsync(ConfigTarget target, string action, byte[] candidate, byte[]? current, string expectedRevision,
        ConfigRequester by, CancellationToken ct)
    {
        var currentRevision = ConfigRevision.Of(current);
        var candidateRevision = ConfigRevision.Of(candidate);
        if (currentRevision != expectedRevision)
            return ConfigPushResult.Refused(await ChangedSinceAsync(target, expectedRevision, currentRevision, ct).ConfigureAwait(false), currentRevision);
        if (candidateRevision == currentRevision) return new ConfigPushResult("unchanged", null, currentRevision, currentRevision, [], "");
        if (CandidateCheck.Problem(candidate, target) is { } problem) return ConfigPushResult.Refused(problem, currentRevision);
        var (invalid, validatorOutput) = await ValidateAsync(target, candidate, ct).ConfigureAwait(false);
        if (invalid is not null) return ConfigPushResult.Refused(invalid, currentRevision, validatorOutput);

        if (current is not null) await history.KeepAsync(target.Name, currentRevision, current, ct).ConfigureAwait(false);
        await history.KeepAsync(target.Name, candidateRevision, candidate, ct).ConfigureAwait(false);
        var diff = Diff(target, current, candidate);
        await AtomicFile.WriteAsync(target.Path, candidate, ct).ConfigureAwait(false);
        log.LogWarning("Config {Target} {Action}: {Previous} -> {Revision} by {User}", target.Name, action, currentRevision, candidateRevision, by.ConfirmedBy);

        // From here the file is replaced: a cancelled call must still finish restoring, so the caller's token stops only the waits.
        var (reloaded, output) = await checks.ReloadAsync(target, CancellationToken.None).ConfigureAwait(false);
        var lines = output.ToList();
        var outcome = "applied";
        if (reloaded)
        {
            var (verified, said) = await checks.VerifyAsync(target, CancellationToken.None).ConfigureAwait(false);
            if (said.Length > 0) lines.Add("verify: " + said);
            if (!verified) reloaded = false;
        }
        if (!reloaded)
        {
            outcome = "restored";
            lines.AddRange(await RestoreAsync(target, current).ConfigureAwait(false));
            log.LogWarning("Config {Target} {Revision} failed its reload or verification; {Previous} restored", target.Name, candidateRevision, currentRevision);
        }
        await history.AppendAsync(new ConfigRecord(target.Name, candidateRevision, currentRevision, action, outcome, by.RequestedBy, by.ConfirmedBy,
            clock.GetUtcNow(), diff, lines), CancellationToken.None).ConfigureAwait(false);
        return new ConfigPushResult(outcome, null, outcome == "applied" ? candidateRevision : currentRevision, currentRevision, lines, diff);
    }

    private async Task<IReadOnlyList<string>> RestoreAsync(ConfigTarget target, byte[]? previous)
    {
        if (previous is null) File.Delete(target.Path);
        else await AtomicFile.WriteAsync(target.Path, previous, CancellationToken.None).ConfigureAwait(false);
        var (reloaded, output) = await checks.ReloadAsync(target, CancellationToken.None).ConfigureAwait(false);
        var said = reloaded ? "the previous revision is back and reloaded" : "the previous revision is back, but its reload failed too";
        return [$"restored: {said}", .. output.Select(l => "restore " + l)];
    }

    private async Task<string> ChangedSinceAsync(ConfigTarget target, string expected, string now, CancellationToken ct)
    {
        var last = (await history.ListAsync(target.Name, 1, ct).ConfigureAwait(false)).FirstOrDefault();
        var who = last is not null && last.Revision == now && last.Outcome == "applied"
            ? $" by {last.ConfirmedBy} at {last.At:yyyy-MM-dd HH:mm:ss} UTC"
            : " (edited outside the bot)";
        return $"{target.Name} changed since the diff was shown: it was revision {expected}, it is now {now}{who}; nothing was written. Drop the file again to see the diff against the new content";
    }

    private async Task<(string? Problem, IReadOnlyList<string> Output)> ValidateAsync(ConfigTarget target, byte[] candidate, CancellationToken ct)
    {
        if (target.Validate is null) return (null, []);
        // Next to the target, with its extension, so relative includes and extension-sniffing checkers see what the owner will.
        var file = Path.Combine(Path.GetDirectoryName(target.Path)!, $".{Path.GetFileNameWithoutExtension(target.Path)}.candidate-{Guid.NewGuid():N}{Path.GetExtension(target.Path)}");
        try
        {
            await File.WriteAllBytesAsync(file, candidate, ct).ConfigureAwait(false);
            return await checks.ValidateAsync(target, file, ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Diff(ConfigTarget target, byte[]? current, byte[] candidate) =>
        ConfigDiff.Unified(target.Name, current is null ? "" : Encoding.UTF8.GetString(current), Encoding.UTF8.GetString(candidate));
}
