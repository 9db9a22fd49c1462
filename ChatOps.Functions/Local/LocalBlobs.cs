using System.Collections.Concurrent;

namespace ChatOps.Functions.Local;

/// <summary>
/// Local mode's stand-in for the dedupe blob container: the worker's blob input and output bindings,
/// by dedupe key. In memory, like the local queues (not durable; the README says so).
/// </summary>
public sealed class LocalBlobs
{
    private readonly ConcurrentDictionary<string, string> _blobs = new(StringComparer.Ordinal);

    public string? Read(string key) => _blobs.GetValueOrDefault(key);

    public void Write(string key, string content) => _blobs[key] = content;
}
