namespace ChatOps.OpsService.Profiles;

/// <summary>The profiles Go's net/http/pprof serves, and where under the pprof base each one is.</summary>
public static class ProfileKind
{
    public const string Cpu = "cpu";
    public static readonly IReadOnlyList<string> All = [Cpu, "heap", "allocs", "goroutine", "mutex", "block"];

    public static bool IsKnown(string kind) => All.Contains(kind);

    /// <summary>The path and query for the kind: CPU is sampled for the given seconds, the others are a snapshot.</summary>
    public static string PathOf(string kind, int seconds) => kind == Cpu ? $"/profile?seconds={seconds}" : "/" + kind;
}
