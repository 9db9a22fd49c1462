namespace ChatOps.Core.Ops.Grpc;

/// <summary>Retry and size limits of <see cref="GrpcUnaryClient"/>.</summary>
public sealed record GrpcClientSettings(int MaxAttempts = 3, int MaxMessageBytes = 4 * 1024 * 1024)
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);
}
