namespace ChatOps.Functions.Local;

/// <summary>
/// How long a failed message stays invisible in the in-process queue. The default is host.json's
/// visibilityTimeout; section "LocalQueue" overrides it (tests). The number of attempts is the
/// worker's own setting, Worker__MaxDequeueCount, so both always agree.
/// </summary>
public sealed class LocalQueueOptions
{
    public const string Section = "LocalQueue";

    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;
}
