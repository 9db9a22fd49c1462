using System.Diagnostics;

namespace ChatOps.Tests.Support;

/// <summary>Chromium processes found by a flag on their command line (the renderer's instance marker).</summary>
public static class BrowserProcesses
{
    public static IReadOnlyList<int> WithFlag(string marker) => Directory.GetDirectories("/proc")
        .Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), out var pid), Pid: pid))
        .Where(p => p.Ok && CommandLine(p.Dir).Contains(marker, StringComparison.Ordinal))
        .Select(p => p.Pid)
        .ToList();

    /// <summary>Every Chromium process on the machine (other test runs included).</summary>
    public static IReadOnlyList<int> AnyChromium() => Directory.GetDirectories("/proc")
        .Select(d => (Dir: d, Ok: int.TryParse(Path.GetFileName(d), out var pid), Pid: pid))
        .Where(p => p.Ok && CommandLine(p.Dir).StartsWith("/usr/lib/chromium/", StringComparison.Ordinal))
        .Select(p => p.Pid)
        .ToList();

    public static int Kill(string marker)
    {
        var killed = 0;
        foreach (var pid in WithFlag(marker))
        {
            try
            {
                Process.GetProcessById(pid).Kill();
                killed++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // The process ended between listing and killing.
            }
        }
        return killed;
    }

    private static string CommandLine(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
