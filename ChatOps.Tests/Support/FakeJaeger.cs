using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOps.Tests.Support;

/// <summary>
/// A stand-in for Jaeger's query service (no Jaeger can run here): answers /api/traces and
/// /api/traces/{id} with the recorded fixtures in Fixtures/jaeger, in Jaeger's own response format,
/// and records the query strings it was asked. Service "slow" answers after 3 s.
/// </summary>
public sealed class FakeJaeger : IAsyncDisposable
{
    private WebApplication _app = null!;
    private static readonly string Fixtures = Path.Combine(RepoRoot.Path, "ChatOps.Tests", "Fixtures", "jaeger");


    public string Url { get; private set; } = "";
    public ConcurrentQueue<string> Queries { get; } = new();

    public static async Task<FakeJaeger> StartAsync()
    {
        var fake = new FakeJaeger();
        (fake._app, fake.Url) = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/api/traces", async (HttpRequest request) =>
            {
                fake.Queries.Enqueue(request.QueryString.Value ?? "");
                if (request.Query["service"] == "slow") await Task.Delay(3000);
                return Json("search-checkout.json", 200);
            });
            app.MapGet("/api/traces/{id}", (string id) =>
            {
                var file = $"trace-{id.ToLowerInvariant()}.json";
                return File.Exists(Path.Combine(Fixtures, file)) ? Json(file, 200) : Json("not-found.json", 404);
            });
        });
        return fake;
    }

    private static IResult Json(string file, int status) =>
        Results.Text(File.ReadAllText(Path.Combine(Fixtures, file)), "application/json", statusCode: status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
