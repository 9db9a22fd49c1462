using ChatOps.OpsService.Deploy;

namespace ChatOps.Tests.OpsService.Deploy;

/// <summary>Deploy actions as small sh scripts in a temporary folder, and a process check that sees zombies as gone.</summary>
internal static class DeployScripts
{
    public static string Folder() => Directory.CreateTempSubdirectory("deploy-").FullName;

    public static string Write(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public static DeployServiceOptions Service(string command, string arguments = "{service} {version}", TimeSpan? timeout = null) =>
        new() { Command = command, Arguments = arguments, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>True while the process exists and is not a zombie (a reaped-later child of init still has an entry).</summary>
    public static bool Running(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
