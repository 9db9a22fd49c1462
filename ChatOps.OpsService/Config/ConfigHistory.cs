using System.Text;
using System.Text.Json;

namespace ChatOps.OpsService.Config;

/// <summary>
/// Each target's revisions on disk: &lt;folder&gt;/&lt;target&gt;/&lt;revision&gt;.rev holds a revision's content
/// (planned candidates too, so Confirm pushes exactly the bytes that were shown), history.jsonl one line per change,
/// newest last. Callers hold the target's lock, so a target's files have one writer at a time. Planned candidates that
/// no change used are pruned: each after <paramref name="plannedFor"/>, and all but the newest <paramref name="plannedKept"/>.
/// </summary>
public sealed class ConfigHistory(string folder, int plannedKept, TimeSpan plannedFor)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task KeepAsync(string target, string revision, byte[] content, CancellationToken ct)
    {
        var path = ContentPath(target, revision);
        if (File.Exists(path))
        {
            // Planned again: its age for pruning starts over, so a file shown a minute ago is not pruned as an old one.
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return;
        }
        await AtomicFile.WriteAsync(path, content, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes planned candidates that no change used: those older than the age limit, and those beyond the
    /// newest ones kept. A revision any record names (pushed, replaced, restored) stays for good: rollbacks need it.</summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> PruneCandidatesAsync(string target, DateTimeOffset now, CancellationToken ct)
    {
        var dir = TargetFolder(target);
        if (!Directory.Exists(dir)) return 0;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in await ListAsync(target, int.MaxValue, ct).ConfigureAwait(false))
        {
            used.Add(record.Revision);
            used.Add(record.Previous);
        }
        var planned = new DirectoryInfo(dir).GetFiles("*.rev")
            .Where(f => !used.Contains(Path.GetFileNameWithoutExtension(f.Name)))
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ToList();
        var pruned = 0;
        for (var i = 0; i < planned.Count; i++)
        {
            if (i < plannedKept && now.UtcDateTime - planned[i].LastWriteTimeUtc <= plannedFor) continue;
            planned[i].Delete();
            pruned++;
        }
        return pruned;
    }

    public async Task<byte[]?> ContentAsync(string target, string revision, CancellationToken ct)
    {
        if (!ConfigRevision.IsWellFormed(revision) || revision == ConfigRevision.None) return null;
        var path = ContentPath(target, revision);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false) : null;
    }

    public async Task AppendAsync(ConfigRecord record, CancellationToken ct)
    {
        var dir = TargetFolder(record.Target);
        Directory.CreateDirectory(dir);
        var line = JsonSerializer.Serialize(record, Json) + "\n";
        await using var stream = new FileStream(Path.Combine(dir, "history.jsonl"), FileMode.Append, FileAccess.Write);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line), ct).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<ConfigRecord>> ListAsync(string target, int limit, CancellationToken ct)
    {
        var path = Path.Combine(TargetFolder(target), "history.jsonl");
        if (!File.Exists(path)) return [];
        var records = new List<ConfigRecord>();
        foreach (var line in await File.ReadAllLinesAsync(path, ct).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize<ConfigRecord>(line, Json) is { } r) records.Add(r);
            }
            catch (JsonException)
            {
                // A line cut short by a crash mid-append: the lines before it still stand.
            }
        }
        records.Reverse();
        return records.Take(limit).ToList();
    }

    private string TargetFolder(string target) => Path.Combine(Path.GetFullPath(folder), target.ToLowerInvariant());

    private string ContentPath(string target, string revision) => Path.Combine(TargetFolder(target), revision + ".rev");
}
