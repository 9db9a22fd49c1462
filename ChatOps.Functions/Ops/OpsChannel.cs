using ChatOps.Core.Ops;
using ChatOps.Core.Options;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace ChatOps.Functions.Ops;

/// <summary>
/// The bot's gRPC channel to the Ops service (Core only sees its CallInvoker): HTTP/2 cleartext for
/// http://, TLS with ALPN h2 for https://, and the retry policy: UNAVAILABLE, and only UNAVAILABLE,
/// is tried again with backoff, within the per-call deadline that OpsGrpcClient sets.
/// </summary>
public static class OpsChannel
{
    internal const string HttpClientName = "ChatOps.Ops";

    /// <summary>Registers <see cref="OpsGrpcClient"/> over one shared channel; needs <see cref="OpsOptions"/> registered.</summary>
    public static IServiceCollection AddOpsGrpcClient(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(Handler)
            // The channel holds its handler for the app's life; PooledConnectionLifetime renews connections instead.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => Create(sp.GetRequiredService<OpsOptions>(),
            sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(HttpClientName)));
        services.AddSingleton(sp => new OpsGrpcClient(sp.GetRequiredService<GrpcChannel>().CreateCallInvoker(), sp.GetRequiredService<OpsOptions>()));
        return services;
    }

    public static GrpcChannel Create(OpsOptions options, HttpMessageHandler handler) =>
        GrpcChannel.ForAddress(options.Endpoint!, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = 4 * 1024 * 1024,
            ServiceConfig = new ServiceConfig { MethodConfigs = { RetryOnUnavailable() } },
        });

    /// <summary>Several HTTP/2 connections when one is full of streams; connections renewed so DNS changes are seen.
    /// No ConnectTimeout of its own: the call's deadline (Ops__Timeout) bounds connecting too, so an endpoint
    /// that never answers ends as DEADLINE_EXCEEDED, one status for one cause.</summary>
    internal static SocketsHttpHandler Handler() => new()
    {
        EnableMultipleHttp2Connections = true,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static MethodConfig RetryOnUnavailable() => new()
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromSeconds(1),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };
}
