using ChatOps.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatOps.Tests.OpsService.Profiles;

/// <summary>pprof endpoints that misbehave in every way a target can: a good one, a web page, an oversized and a
/// corrupt profile, an idle CPU, and a CPU profile that holds until released. Records the token it was sent.</summary>
public sealed class ProfileTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ProfileTarget(WebApplication app, string url) => (_app, Url) = (app, url);

    public string Url { get; }
    public string? LastAuthorization { get; private set; }

    /// <summary>Lets the held CPU profile of /slow answer.</summary>
    public void Release() => _release.TrySetResult();

    public static async Task<ProfileTarget> StartAsync()
    {
        ProfileTarget? target = null;
        var heap = ProfileFixtures.Read("prometheus-heap.pb.gz");
        var (app, url) = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/good/heap", (HttpContext c) =>
            {
                target!.LastAuthorization = c.Request.Headers.Authorization;
                return Results.Bytes(heap, "application/octet-stream");
            });
            app.MapGet("/good/profile", () => Results.Bytes(ProfileFixtures.Read("prometheus-cpu.pb.gz"), "application/octet-stream"));
            app.MapGet("/html/heap", () => Results.Content("<!doctype html><html><body>Sign in</body></html>", "text/html"));
            app.MapGet("/big/heap", () => Results.Bytes(heap, "application/octet-stream"));
            app.MapGet("/corrupt/heap", () => Results.Bytes(heap[..(heap.Length / 2)], "application/octet-stream"));
            app.MapGet("/idle/profile", () => Results.Bytes(ProfileFixtures.Read("prometheus-cpu-idle.pb.gz"), "application/octet-stream"));
            app.MapGet("/slow/profile", async () =>
            {
                await target!._release.Task;
                return Results.Bytes(ProfileFixtures.Read("prometheus-cpu.pb.gz"), "application/octet-stream");
            });
        });
        target = new ProfileTarget(app, url);
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
