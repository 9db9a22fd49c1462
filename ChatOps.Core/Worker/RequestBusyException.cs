namespace ChatOps.Core.Worker;

/// <summary>Another delivery of the same click is running in this instance; failing this one lets the queue
/// deliver it again once that one has settled or released the request.</summary>
public sealed class RequestBusyException(string key) : Exception($"dedupe key {key} is being handled by another delivery");
