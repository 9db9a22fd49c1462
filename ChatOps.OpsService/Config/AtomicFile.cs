namespace ChatOps.OpsService.Config;

/// <summary>Replaces a file so a reader sees the old content or the new, never a part: a temporary file in the same
/// folder, flushed to disk, renamed over the target, then the folder flushed so the rename itself survives a power cut.</summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, byte[] content, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                await stream.WriteAsync(content, ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
            FolderSync.Flush(dir);
        }
        finally
        {
            // Never leave a half-written file in the owner's config folder.
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
