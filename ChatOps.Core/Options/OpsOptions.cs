namespace ChatOps.Core.Options;

/// <summary>Ops service settings (configuration section "Ops").</summary>
public sealed class OpsOptions
{
    public const string Section = "Ops";

    /// <summary>gRPC endpoint of the Ops service: http:// (HTTP/2 cleartext) or https://.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Optional bearer token for Ops services behind auth. Secret.</summary>
    public string? Token { get; set; }

    /// <summary>Deadline of one Ops call, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Link template for trace ids, with {id}; e.g. http://jaeger:16686/trace/{id}. No link when empty.</summary>
    public string? TraceUiUrl { get; set; }
}
