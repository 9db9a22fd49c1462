namespace ChatOps.OpsService.Profiles;

/// <summary>One service's pprof endpoint and its limits.</summary>
public sealed class ProfileSourceOptions
{
    public const int DefaultMaxSeconds = 60;
    public const long DefaultMaxBytes = 32L * 1024 * 1024;
    public const int DefaultMaxPerHour = 12;

    /// <summary>The pprof base, e.g. http://checkout:6060/debug/pprof (kinds are appended: /heap, /profile?seconds=N).</summary>
    public string Url { get; set; } = "";

    /// <summary>Optional credential sent to the target. Secret.</summary>
    public string? Token { get; set; }

    /// <summary>The header that carries <see cref="Token"/>; Authorization (as "Bearer &lt;token&gt;") when unset.</summary>
    public string? TokenHeader { get; set; }

    /// <summary>The longest CPU profile anyone may ask for.</summary>
    public int MaxSeconds { get; set; } = DefaultMaxSeconds;

    /// <summary>The most bytes read from the target, and the most a gzipped profile may decompress to.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The most profiles of this service started in any hour: taking one costs the service CPU (a CPU profile
    /// samples it for its whole duration), so a channel asking again and again cannot keep it profiled.</summary>
    public int MaxPerHour { get; set; } = DefaultMaxPerHour;
}
