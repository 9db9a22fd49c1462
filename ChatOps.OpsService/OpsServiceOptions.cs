namespace ChatOps.OpsService;

/// <summary>Settings of the Ops service (section "OpsService", e.g. OpsService__PrometheusUrl).</summary>
public sealed class OpsServiceOptions
{
    public const string Section = "OpsService";

    /// <summary>gRPC over HTTP/2 cleartext (prior knowledge).</summary>
    public string Listen { get; set; } = "http://127.0.0.1:50051";

    /// <summary>Optional gRPC over TLS (ALPN h2), with <see cref="TlsCertificate"/> (a .pfx).</summary>
    public string? TlsListen { get; set; }
    public string? TlsCertificate { get; set; }
    public string? TlsCertificatePassword { get; set; }

    /// <summary>HTTP/1.1 listener for /metrics and /healthz (Prometheus scrapes over HTTP/1.1).</summary>
    public string MetricsListen { get; set; } = "http://127.0.0.1:9464";

    public string PrometheusUrl { get; set; } = "http://127.0.0.1:9090";
    public string JaegerUrl { get; set; } = "http://127.0.0.1:16686";

    /// <summary>Jaeger's remote-sampling strategies file, rewritten by ChangeSampling.</summary>
    public string SamplingFile { get; set; } = "sampling-strategies.json";

    /// <summary>Service used when a request names none (ListTraces) and whose sampling ChangeSampling sets.</summary>
    public string? DefaultService { get; set; }

    /// <summary>PromQL whose first series' `version` label (or value) is the deployed version.</summary>
    public string VersionQuery { get; set; } = "chatops_ops_build_info";

    /// <summary>Bearer token callers must present; none = open. Secret.</summary>
    public string? Token { get; set; }

    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Alertmanager (v2 API) for the silence methods; unset, they answer FAILED_PRECONDITION.</summary>
    public string? AlertmanagerUrl { get; set; }
    /// <summary>Deploy actions per service and the deployment history.</summary>
    public Deploy.DeployOptions Deploy { get; set; } = new();
    /// <summary>Services whose pprof profiles can be taken.</summary>
    public Profiles.ProfileOptions Profiles { get; set; } = new();

    /// <summary>Configuration files pushed from chat (OpsService__Config__Targets__&lt;name&gt;__Path, …).</summary>
    public Config.ConfigOptions Config { get; set; } = new();
}
