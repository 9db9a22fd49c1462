using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>One call made by python3-grpcio (Interop/ops_client.py): an independent client for our server.</summary>
public static class PythonOpsClient
{
    public static Task<JsonObject> CallAsync(string target, string method, string requestJson = "{}", params string[] metadata) =>
        RunAsync(target, method, requestJson, metadata.SelectMany(m => new[] { "--metadata", m }));

    /// <summary>Over TLS (ALPN h2), trusting only the certificate in <paramref name="caPem"/>.</summary>
    public static Task<JsonObject> CallOverTlsAsync(string target, string caPem, string method, string requestJson = "{}") =>
        RunAsync(target, method, requestJson, ["--ca", caPem]);

    private static async Task<JsonObject> RunAsync(string target, string method, string requestJson, IEnumerable<string> more)
    {
        var script = Path.Combine(RepoRoot.Path, "ChatOps.Tests", "Interop", "ops_client.py");
        var args = new List<string> { script, "--target", target, "--method", method, "--request", requestJson, "--timeout", "10" };
        args.AddRange(more);
        var start = new ProcessStartInfo("/usr/bin/python3", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        // Both pipes at once (either can fill), and never longer than the call's own timeout allows.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ops_client.py {method} did not finish: {await stderr}");
        }
        var (output, errors) = (await stdout, await stderr);
        Assert.True(process.ExitCode == 0, errors);
        return JsonNode.Parse(output)!.AsObject();
    }
}
