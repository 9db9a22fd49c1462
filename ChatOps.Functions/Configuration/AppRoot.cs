namespace ChatOps.Functions.Configuration;

/// <summary>Finds the function app's folder (the one with host.json and local.settings.json): the working
/// directory under the host; ChatOps.Functions/ when run from the repo or one of its folders.</summary>
public static class AppRoot
{
    public const string ProjectFolder = "ChatOps.Functions";

    public static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json"))) return dir.FullName;
            var project = Path.Combine(dir.FullName, ProjectFolder);
            if (File.Exists(Path.Combine(project, "host.json"))) return project;
        }
        return start;
    }
}
