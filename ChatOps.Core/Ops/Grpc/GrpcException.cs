namespace ChatOps.Core.Ops.Grpc;

/// <summary>A unary call that ended with a non-OK status: from the server's grpc-status, or decided
/// locally (deadline passed, connection refused, malformed answer).</summary>
public sealed class GrpcException(GrpcStatusCode code, string detail, Exception? inner = null)
    : Exception($"{code}: {detail}", inner)
{
    public GrpcStatusCode Code { get; } = code;
    public string Detail { get; } = detail;
}
