using ChatOps.Core.Failures;
using ChatOps.Core.Graphs;
using Microsoft.Extensions.Logging;
using PuppeteerSharp;

namespace ChatOps.Rendering.Pages;

/// <summary>
/// Debian's Chromium through PuppeteerSharp, for URL shortcuts only: launched on first use (never downloaded),
/// kept while it lives, launched again when it died. Each launch gets a fresh profile folder, removed afterwards.
/// </summary>
internal sealed class Chromium(GraphOptions options, ILogger log) : IAsyncDisposable
{
    /// <summary>An inert flag on this instance's command line, so its processes can be told apart (tests, bench).</summary>
    public string InstanceMarker { get; } = "--chatops-renderer=" + Guid.NewGuid().ToString("N");

    // For a closed network: no background fetches, no first-run work, no GPU.
    private static readonly string[] Flags =
    [
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--mute-audio", "--hide-scrollbars",
    ];

    // Chromium refuses to start its sandbox as root; anyone else keeps it (URL shortcuts load arbitrary pages).
    private static readonly string[] RootFlags = Environment.UserName == "root" ? ["--no-sandbox"] : [];

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IBrowser? _browser;
    private string? _profile;

    public bool Running => _browser is { IsConnected: true };

    public async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running) return running;
        await _launch.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_browser is { IsConnected: true } again) return again;
            if (_browser is not null)
            {
                log.LogWarning("The browser died; launching a new one");
                await CloseAsync().ConfigureAwait(false);
            }
            _profile = Directory.CreateTempSubdirectory("chatops-chromium-").FullName;
            _browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = true,
                UserDataDir = _profile,
                Args = [.. Flags, .. RootFlags, InstanceMarker],
                Timeout = 30_000,
                DefaultViewport = null,
            }).ConfigureAwait(false);
            log.LogInformation("Started Chromium {Path} for URL shortcuts", options.ChromiumPath);
            return _browser;
        }
        catch (Exception ex) when (ex is PuppeteerException or System.ComponentModel.Win32Exception or IOException)
        {
            throw new ServiceFailureException($"Chromium could not start from {options.ChromiumPath}: {FirstLine(ex.Message)}", FailureHandling.Retry, ex);
        }
        finally
        {
            _launch.Release();
        }
    }

    public static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private async Task CloseAsync()
    {
        try
        {
            if (_browser is not null) await _browser.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PuppeteerException or InvalidOperationException or IOException)
        {
            // Already gone; nothing to release.
        }
        _browser?.Dispose();
        _browser = null;
        try
        {
            if (_profile is not null) Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing as it exits; the temp folder is cleaned by the OS later.
        }
        _profile = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _launch.WaitAsync().ConfigureAwait(false);
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            _launch.Release();
        }
    }
}
