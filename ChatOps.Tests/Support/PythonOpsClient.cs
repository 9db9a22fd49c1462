using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ChatOps.Tests.Support;

/// <summary>One call made by python3-grpcio (Interop/ops_client.py): an independent client for our server.</summary>
public static class PythonOpsClient
{
    public static async Task<JsonObject> CallAsync(string target, string method, string requestJson = "{}", params string[] metadata)
    {
        var script = Path.Combine(RepoRoot.Path, "ChatOps.Tests", "Interop", "ops_client.py");
        var args = new List<string> { script, "--target", target, "--method", method, "--request", requestJson, "--timeout", "10" };
        foreach (var m in metadata) args.AddRange(["--metadata", m]);
        var start = new ProcessStartInfo("/usr/bin/python3", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }
}
