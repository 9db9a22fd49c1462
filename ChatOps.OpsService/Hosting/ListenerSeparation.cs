namespace ChatOps.OpsService.Hosting;

/// <summary>
/// Keeps each listener to its own endpoints: /metrics and /healthz only on the metrics port, gRPC
/// only on the gRPC ports. By the port the connection arrived on, not the Host header (RequireHost),
/// because an ingress in front of the service may rewrite the Host.
/// </summary>
public static class ListenerSeparation
{
    public static TBuilder OnMetricsListenerOnly<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(MetricsListenerOnly.Instance);

    /// <summary>Call after UseRouting: a matched endpoint on the wrong listener is answered 404.</summary>
    public static IApplicationBuilder UseListenerSeparation(this IApplicationBuilder app, int metricsPort) =>
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is { } endpoint &&
                endpoint.Metadata.GetMetadata<MetricsListenerOnly>() is not null != (http.Connection.LocalPort == metricsPort))
            {
                http.SetEndpoint(null);
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
}
