namespace ChatOps.Core.OnCall;

/// <summary>Who is on call now, per schedule: the configured rotation, the stored overrides and the clock.</summary>
public sealed class OnCallRoster(OnCallSchedules schedules, IOnCallOverrides overrides, TimeProvider clock)
{
    public OnCallSchedules Schedules => schedules;

    public async Task<OnCallNow?> NowAsync(string schedule, CancellationToken ct = default)
    {
        if (schedules.Find(schedule) is not { } found) return null;
        var now = clock.GetUtcNow();
        return Rotation.At(found, now, await overrides.ListAsync(now, ct).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<OnCallNow>> AllAsync(CancellationToken ct = default)
    {
        // No schedules, nothing to read: the command line answers without any storage.
        if (schedules.All.Count == 0) return [];
        var now = clock.GetUtcNow();
        var kept = await overrides.ListAsync(now, ct).ConfigureAwait(false);
        return schedules.All.Select(s => Rotation.At(s, now, kept)).ToList();
    }
}
