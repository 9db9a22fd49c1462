using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Deployment;

/// <summary>The Bicep compiler restored from NuGet (the test project's pinned Azure.Bicep.CommandLine.linux-x64),
/// run on infra/. Each build runs once per test run: a compile takes seconds.</summary>
internal static class BicepCompiler
{
    public sealed record Result(int ExitCode, string Output, string Diagnostics)
    {
        public JsonObject Json => JsonNode.Parse(Output)!.AsObject();
    }

    /// <summary>Stand-ins for the secrets main.bicepparam reads from the environment.</summary>
    public static readonly IReadOnlyDictionary<string, string> PlaceholderSecrets = new Dictionary<string, string>
    {
        ["SLACK_SIGNING_SECRET"] = "placeholder-signing-secret",
        ["SLACK_BOT_TOKEN"] = "xoxb-placeholder",
        ["CONFIRMATIONS_HMAC_KEY"] = "placeholder-hmac-key-placeholder-hmac-key",
        ["OPS_SERVICE_TOKEN"] = "placeholder-ops-token",
    };

    private static readonly Lazy<Result> MainBuild = new(() => Run(["build", "infra/main.bicep", "--stdout"], new Dictionary<string, string>()));
    private static readonly Lazy<Result> ParamsBuild = new(() => Run(["build-params", "infra/main.bicepparam", "--stdout"], PlaceholderSecrets));

    public static Result Main => MainBuild.Value;

    public static Result Params => ParamsBuild.Value;

    public static string Executable { get; } = typeof(BicepCompiler).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepCompiler").Value!;

    private static Result Run(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        Assert.True(File.Exists(Executable), $"the Bicep compiler is not at {Executable}: restore ChatOps.Tests (scripts/setup)");
        // NuGet does not keep the executable bit of a package's files (the package is linux-x64 only).
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Executable, File.GetUnixFileMode(Executable) | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo(Executable, arguments)
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bicep {string.Join(' ', arguments)} did not finish within 2 minutes");
        }
        return new Result(process.ExitCode, output.Result, diagnostics.Result.Trim());
    }
}
