namespace ChatOps.Functions.Storage;

/// <summary>Section "Dedupe": where the delivery claims and rate-limited replies live. The container is chatops-dedupe everywhere the
/// Bicep deploys; a test gives each app its own so runs sharing one Azurite do not see each other's keys.</summary>
public sealed class DedupeOptions
{
    public const string Section = "Dedupe";

    public string Container { get; set; } = FunctionNames.DedupeContainer;

    /// <summary>Where a rate-limited reply's envelope is queued again: the commands queue the worker reads.</summary>
    public string ReplyQueue { get; set; } = FunctionNames.CommandsQueue;
}
