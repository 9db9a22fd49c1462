namespace ChatOps.OpsService.Config;

/// <summary>One pushable file: where it is, how a candidate is checked, how the owner is told to re-read it and
/// how the push is confirmed to have taken effect.</summary>
public sealed class ConfigTargetOptions
{
    public const int DefaultMaxBytes = 256 * 1024;

    /// <summary>The file that is replaced.</summary>
    public string Path { get; set; } = "";

    /// <summary>Optional argument vector run on the candidate before anything is replaced; {file} is the candidate's
    /// path (e.g. `promtool check rules {file}`). Exit 0 = valid. Run without a shell.</summary>
    public string? Validate { get; set; }

    /// <summary>Optional: an http(s) URL that is POSTed (Prometheus' and Alertmanager's /-/reload), or an argument
    /// vector that is run. A non-2xx answer or a non-zero exit is a failed reload.</summary>
    public string? Reload { get; set; }

    /// <summary>Optional PromQL that must become 1 after the reload (e.g. prometheus_config_last_reload_successful).</summary>
    public string? Verify { get; set; }

    /// <summary>How long the verification may take to become 1; the first look is after <see cref="VerifyDelay"/>, so a
    /// value scraped before the reload is not taken for its result.</summary>
    public TimeSpan VerifyTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan VerifyDelay { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>yaml, json or text: a yaml or json candidate is parsed before the validator runs.</summary>
    public string Format { get; set; } = "text";

    /// <summary>Bound on each validator and reload run; its process group is killed after it.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
