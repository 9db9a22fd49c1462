using ChatOps.Core.Options;

namespace ChatOps.Functions.Configuration;

/// <summary>The shape of one Environments__&lt;name&gt; section, as the binder fills it.</summary>
internal sealed class EnvironmentSection
{
    public OpsOptions Ops { get; set; } = new();
    public string? Channels { get; set; }
    public string? Label { get; set; }
}
