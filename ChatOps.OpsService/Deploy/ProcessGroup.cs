using System.Runtime.InteropServices;

namespace ChatOps.OpsService.Deploy;

/// <summary>Signals a whole process group. .NET's Process.Kill(entireProcessTree) walks children it can
/// see at that moment; a group kill also reaches grandchildren that were re-parented or started later.</summary>
public static class ProcessGroup
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>True when the signal was delivered to at least one process of the group.</summary>
    public static bool Signal(int processGroupId, int signal) => processGroupId > 1 && Kill(-processGroupId, signal) == 0;

    /// <summary>True while any process of the group exists (signal 0 only checks).</summary>
    public static bool Alive(int processGroupId) => Signal(processGroupId, 0);

    // DllImport rather than LibraryImport: two ints need no marshalling, and no unsafe code in the project.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
