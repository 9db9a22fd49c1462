using ChatOps.Core.Commands;
using ChatOps.Tests.Support;

namespace ChatOps.Tests.Architecture;

/// <summary>Core knows nothing of hosts (house style, rule 1).</summary>
public sealed class DependencyRuleTests
{
    private static readonly string[] HostAssemblyPrefixes =
        ["Microsoft.AspNetCore", "Microsoft.Extensions.Hosting", "Microsoft.Azure", "Microsoft.Extensions.Http", "ChatOps.Functions",
         // The gRPC channel (transport, TLS, retry policy) is the host's: Core gets a CallInvoker (Grpc.Core.Api).
         "Grpc.Net", "Grpc.AspNetCore"];

    [Fact]
    public void Core_ReferencesNoAspNetCoreOrHostingAssembly()
    {
        var core = typeof(CommandRegistry).Assembly;

        var offending = core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => HostAssemblyPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(offending);
        Assert.Contains(core.GetReferencedAssemblies(), a => a.Name == "Microsoft.Extensions.Logging.Abstractions");
    }

    [Fact]
    public void CoreProject_HasNoFrameworkReferenceToAspNetCore()
    {
        var project = File.ReadAllText(Path.Combine(RepoRoot.Path, "ChatOps.Core", "ChatOps.Core.csproj"));

        Assert.DoesNotContain("Microsoft.AspNetCore", project);
        Assert.DoesNotContain("Microsoft.NET.Sdk.Web", project);
    }
}
