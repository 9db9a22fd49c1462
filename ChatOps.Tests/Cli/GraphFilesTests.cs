using ChatOps.Local.Cli;

namespace ChatOps.Tests.Cli;

/// <summary>The command line's pictures: one file per graph, and a path a person can read.</summary>
public sealed class GraphFilesTests : IDisposable
{
    private static readonly DateTime OneSecond = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly byte[] Png = [0x89, 0x50, 0x4e, 0x47];

    private readonly string _folder = Path.Combine(Directory.GetCurrentDirectory(), "graphs-" + Guid.NewGuid().ToString("N")[..8]);

    public GraphFilesTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task TwoGraphsInOneSecond_AreTwoFiles_NeitherOverwritten()
    {
        var files = new GraphFiles(_folder);

        var first = await files.WriteAsync("graph-scrapes.png", Png, OneSecond);
        var second = await files.WriteAsync("graph-scrapes.png", [1, 2, 3], OneSecond);

        Assert.NotEqual(first, second);
        Assert.Equal(Png, await File.ReadAllBytesAsync(first));
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(second));
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public async Task APathBelowTheCurrentFolder_IsShownRelative_NotAsAMachinePath()
    {
        var shown = await new GraphFiles(_folder).WriteAsync("graph-scrapes.png", Png, OneSecond);

        Assert.Equal(Path.Combine(Path.GetFileName(_folder), "graph-scrapes-20261203T090000.png"), shown);
    }

    [Fact]
    public async Task APathElsewhere_IsShownInFull()
    {
        var elsewhere = Directory.CreateTempSubdirectory("graphs-");
        try
        {
            var shown = await new GraphFiles(elsewhere.FullName).WriteAsync("graph-scrapes.png", Png, OneSecond);

            Assert.Equal(Path.Combine(elsewhere.FullName, "graph-scrapes-20261203T090000.png"), shown);
        }
        finally
        {
            elsewhere.Delete(recursive: true);
        }
    }
}
