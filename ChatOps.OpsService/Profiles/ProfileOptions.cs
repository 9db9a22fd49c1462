namespace ChatOps.OpsService.Profiles;

/// <summary>Services whose pprof profiles can be taken (OpsService__Profiles__Services__&lt;name&gt;__Url, …).
/// No services = profiles are off.</summary>
public sealed class ProfileOptions
{
    public Dictionary<string, ProfileSourceOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long a finished profile stays collectable (the bot collects it once, maybe late).</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromMinutes(15);
}
