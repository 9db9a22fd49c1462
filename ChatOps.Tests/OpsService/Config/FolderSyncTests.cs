using ChatOps.OpsService.Config;

namespace ChatOps.Tests.OpsService.Config;

/// <summary>What a test can see of the folder flush after a rename: it really opens and flushes the folder (a folder
/// that is not there fails loudly), and an atomic write through it leaves exactly the new file. That the rename
/// survives a power cut cannot be shown here.</summary>
public sealed class FolderSyncTests
{
    [Fact]
    public void Flush_OfAFolder_Succeeds_AndOfAMissingOne_SaysWhich()
    {
        var folder = Directory.CreateTempSubdirectory("folder-sync-").FullName;
        FolderSync.Flush(folder);

        var missing = Path.Combine(folder, "gone");
        var error = Assert.Throws<IOException>(() => FolderSync.Flush(missing));
        Assert.Equal($"cannot open folder {missing} to flush it", error.Message);
    }

    [Fact]
    public async Task AtomicWrite_ReplacesTheFile_AndLeavesNothingElseInTheFolder()
    {
        var folder = Directory.CreateTempSubdirectory("folder-sync-").FullName;
        var file = Path.Combine(folder, "rules.yml");
        await File.WriteAllTextAsync(file, "old");
        await AtomicFile.WriteAsync(file, "new"u8.ToArray(), default);
        Assert.Equal("new", await File.ReadAllTextAsync(file));
        Assert.Equal(["rules.yml"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
