namespace ChatOps.OpsService.Grpc;

/// <summary>One call as the implementation sees it: the caller metadata (x-chatops-user, ...) and
/// a token cancelled at the caller's deadline.</summary>
public sealed record CallContext(string Method, IReadOnlyDictionary<string, string> Metadata, CancellationToken Cancellation)
{
    public string Caller => Metadata.GetValueOrDefault("x-chatops-user") ?? "(unknown)";
}
