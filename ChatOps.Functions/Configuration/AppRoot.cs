namespace ChatOps.Functions.Configuration;

/// <summary>Finds the function app root (the folder with host.json): the working directory under the
/// host, the repo root when run with `dotnet run --project ChatOps.Functions` from the repo.</summary>
public static class AppRoot
{
    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json"))) return dir.FullName;
        }
        return start;
    }
}
