namespace ChatOps.Local.Serve;

/// <summary>
/// Section "LocalQueue": how the local host leases a message while a function runs. The Functions host
/// keeps a running message invisible and renews that as it goes; so does the pump, with a lease short
/// enough that a message whose process died is seen again soon after a restart. Failure, retry and poison
/// settings are host.json's, as under the real host.
/// </summary>
public sealed class LocalQueueOptions
{
    public const string Section = "LocalQueue";

    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Tests shorten host.json's visibilityTimeout; null keeps it.</summary>
    public TimeSpan? VisibilityTimeout { get; set; }
}
