namespace ChatOps.Core.OnCall;

/// <summary>The overrides people set from chat, shared by every instance (blob storage in the app).</summary>
public interface IOnCallOverrides
{
    /// <summary>Overrides whose end is after <paramref name="since"/> (expired ones are of no use to anyone).</summary>
    Task<IReadOnlyList<OnCallOverride>> ListAsync(DateTimeOffset since, CancellationToken ct = default);

    /// <summary>Stores it under its id; storing the same id again (a retried confirmation) keeps one.</summary>
    Task SaveAsync(OnCallOverride entry, CancellationToken ct = default);
}
