using System.Diagnostics;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.EndToEnd;

/// <summary>scripts/demo/demo-service.py on a loopback port: the process the demo deploy action switches.</summary>
public sealed class DemoService : IAsyncDisposable
{
    private readonly Process _process;

    private DemoService(Process process, int port, string versionFile)
    {
        _process = process;
        Port = port;
        VersionFile = versionFile;
    }

    public int Port { get; }
    public string VersionFile { get; }

    public static async Task<DemoService> StartAsync(string folder, string version)
    {
        var versionFile = Path.Combine(folder, "demo-version");
        await File.WriteAllTextAsync(versionFile, version + "\n");
        var port = FreePort.Next();
        var process = Process.Start(new ProcessStartInfo("python3", [Path.Combine(RepoRoot.Path, "scripts", "demo", "demo-service.py"), $"{port}", versionFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
                return new DemoService(process, port, versionFile);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill();
        throw new TimeoutException("the demo service did not start");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
