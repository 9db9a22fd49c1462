namespace ChatOps.OpsService.Hosting;

/// <summary>Endpoint metadata: served on the metrics listener (OpsService__MetricsListen) and nowhere else.</summary>
public sealed class MetricsListenerOnly
{
    public static readonly MetricsListenerOnly Instance = new();
}
