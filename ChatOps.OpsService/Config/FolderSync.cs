using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ChatOps.OpsService.Config;

/// <summary>
/// fsync of a folder. A rename is atomic but not yet durable: the new name lives in the folder's own entries, and until
/// those reach the disk a power cut can bring back the old name (or, for a file created just now, no name at all) even
/// though the file's bytes were flushed. So after a rename over a configuration file its folder is flushed too, before
/// the owner is told to reload. .NET has no call for it (it refuses to open a folder as a file), hence open/fsync/close.
/// </summary>
public static class FolderSync
{
    private const int ReadOnly = 0;
    private const int NotSupported = 22; // EINVAL: a file system without folder sync (some network mounts); nothing to wait for.

    /// <summary>Flushes <paramref name="folder"/>'s entries to disk; throws when the folder cannot be opened or flushed.
    /// On Windows there is nothing to open: NTFS journals the rename itself.</summary>
    public static void Flush(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Open(folder, ReadOnly);
        if (fd < 0) throw new IOException($"cannot open folder {folder} to flush it", new Win32Exception(Marshal.GetLastPInvokeError()));
        try
        {
            if (Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var error && error != NotSupported)
                throw new IOException($"cannot flush folder {folder}", new Win32Exception(error));
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: no unsafe code in the project; the path is marshalled as UTF-8 bytes.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
