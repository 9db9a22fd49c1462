namespace ChatOps.Local.Cli;

/// <summary>Where the command line puts a reply's pictures: a terminal cannot show them, so each is written to
/// a file of its own and its path printed, relative to the current folder when it lies below it.</summary>
public sealed class GraphFiles(string folder)
{
    /// <summary>The folder of CHATOPS_OUTPUT_DIR, else the current folder.</summary>
    public static GraphFiles FromEnvironment() =>
        new(Environment.GetEnvironmentVariable("CHATOPS_OUTPUT_DIR") is { Length: > 0 } dir ? dir : Directory.GetCurrentDirectory());

    /// <summary>Writes the picture under a name no earlier picture has (two graphs in one second are two
    /// files) and returns the path to show.</summary>
    public async Task<string> WriteAsync(string fileName, byte[] content, DateTime utcNow, CancellationToken ct = default)
    {
        var stem = $"{Path.GetFileNameWithoutExtension(fileName)}-{utcNow:yyyyMMddTHHmmss}";
        var extension = Path.GetExtension(fileName) is { Length: > 0 } ext ? ext : ".png";
        for (var n = 1; ; n++)
        {
            var path = Path.GetFullPath(Path.Combine(folder, n == 1 ? stem + extension : $"{stem}-{n}{extension}"));
            try
            {
                // CreateNew: a file that exists, even one another process just wrote, is never overwritten.
                await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                await file.WriteAsync(content, ct);
                return Shown(path);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
    }

    private static string Shown(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
