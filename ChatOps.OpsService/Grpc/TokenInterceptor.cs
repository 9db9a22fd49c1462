using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ChatOps.OpsService.Grpc;

/// <summary>The bearer token check (OpsService__Token): none configured = open; missing =
/// UNAUTHENTICATED; wrong = PERMISSION_DENIED. The comparison takes the same time however much matches.</summary>
internal sealed class TokenInterceptor(OpsServiceOptions options) : Interceptor
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Token) ? null : Hash(options.Token);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (_expected is not null)
        {
            var given = context.RequestHeaders.GetValue("authorization");
            if (given is null || !given.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                throw new RpcException(new Status(StatusCode.Unauthenticated, "a bearer token is required"));
            // Hashes of equal length, so not even the token's length leaks through timing.
            if (!CryptographicOperations.FixedTimeEquals(Hash(given[7..].Trim()), _expected))
                throw new RpcException(new Status(StatusCode.PermissionDenied, "the bearer token is not accepted"));
        }
        return continuation(request, context);
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
