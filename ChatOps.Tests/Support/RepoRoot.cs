namespace ChatOps.Tests.Support;

/// <summary>The repository root (the folder with ChatOps.slnx), found from the test's output folder.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ChatOps.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("ChatOps.slnx not found above " + AppContext.BaseDirectory);
    }
}
