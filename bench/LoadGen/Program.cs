using System.Globalization;
using System.Text.Json;
using LoadGen;

// bench/LoadGen: the harness behind bench/run. Starts every process it measures (and stops them),
// drives them over loopback HTTP as Slack would, calls the function classes in its own process as the
// isolated worker would, and writes a Markdown report and the raw numbers as JSON. Usage: see Options
// below; bench/run passes everything.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
if (options.RenderFrom is { } raw)
{
    // Only the report again, from a run's raw numbers (after a change to the report's wording).
    await File.WriteAllTextAsync(options.ReportPath, Report.Markdown(Compare.Load(raw), options));
    Console.WriteLine($"report: {options.ReportPath}");
    return 0;
}
Directory.CreateDirectory(options.LogDir);
await using var fake = await FakeSlack.StartAsync();
var bench = new Bench(options, fake);
var results = new BenchResults { Date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'"), Machine = options.Machine };
try
{
    if (options.Suites.Contains("ack")) await bench.AckAsync(results);
    if (options.Suites.Contains("cold")) await bench.ColdAsync(results);
    if (options.Suites.Contains("cmd")) await bench.CommandsAsync(results);
    if (options.Suites.Contains("alert")) await bench.AlertsAsync(results);
    if (options.Suites.Contains("storm")) await bench.StormAsync(results);
}
finally
{
    await File.WriteAllTextAsync(options.RawPath, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    await File.WriteAllTextAsync(options.ReportPath, Report.Markdown(results, options));
}
Console.WriteLine($"report: {options.ReportPath}\nraw: {options.RawPath}");
return 0;

public sealed class Options
{
    public string Repo { get; private set; } = "";
    public string PublishDir { get; private set; } = "";
    public string BoltDir { get; private set; } = "";
    public string? OpsEndpoint { get; private set; }
    public string DotnetRoot { get; private set; } = "/usr/share/dotnet";
    public string LogDir { get; private set; } = "";
    public string RawPath { get; private set; } = "";
    public string ReportPath { get; private set; } = "";
    public string Machine { get; private set; } = "";
    public string? AotNote { get; private set; }
    /// <summary>AzureWebJobsStorage for local mode and the in-process app: bench/run's own Azurite.</summary>
    public string? Storage { get; private set; }
    /// <summary>The raw numbers of an earlier run, shown beside this one's in the report.</summary>
    public string? BeforePath { get; private set; }
    public string BeforeLabel { get; private set; } = "before";
    public string? RenderFrom { get; private set; }
    public int[] Levels { get; private set; } = [1, 8, 64];
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(8);
    public int ColdRuns { get; private set; } = 10;
    public int CommandRuns { get; private set; } = 20;
    public int CommandColdRuns { get; private set; } = 5;
    public HashSet<string> Suites { get; private set; } = ["ack", "cold", "cmd", "alert"];
    public HashSet<string> Targets { get; private set; } = ["local", "inproc", "bolt"];
    public Dictionary<string, string> AppEnv { get; } = [];
    public HashSet<string> ColdModes { get; private set; } = ["fd", "sc", "r2r", "bolt"];

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--repo": o.Repo = v; break;
                case "--publish": o.PublishDir = v; break;
                case "--bolt": o.BoltDir = v; break;
                case "--ops": o.OpsEndpoint = v; break;
                case "--dotnet-root": o.DotnetRoot = v; break;
                case "--logs": o.LogDir = v; break;
                case "--raw": o.RawPath = v; break;
                case "--report": o.ReportPath = v; break;
                case "--machine": o.Machine = v; break;
                case "--aot-note": o.AotNote = v; break;
                case "--storage": o.Storage = v; break;
                case "--before": o.BeforePath = v; break;
                case "--before-label": o.BeforeLabel = v; break;
                case "--render": o.RenderFrom = v; break;
                case "--levels": o.Levels = v.Split(',').Select(int.Parse).ToArray(); break;
                case "--warmup": o.Warmup = TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)); break;
                case "--duration": o.Duration = TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)); break;
                case "--cold-runs": o.ColdRuns = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--cmd-runs": o.CommandRuns = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--cmd-cold-runs": o.CommandColdRuns = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--suites": o.Suites = [.. v.Split(',')]; break;
                case "--cold-modes": o.ColdModes = [.. v.Split(',')]; break;
                case "--targets": o.Targets = [.. v.Split(',')]; break;
                case "--app-env": o.AppEnv[v[..v.IndexOf('=')]] = v[(v.IndexOf('=') + 1)..]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (args.Length % 2 != 0) throw new ArgumentException($"option {args[^1]} has no value");
        var required = o.RenderFrom is null
            ? new[] { ("--repo", o.Repo), ("--publish", o.PublishDir), ("--bolt", o.BoltDir), ("--logs", o.LogDir), ("--raw", o.RawPath), ("--report", o.ReportPath) }
            : [("--report", o.ReportPath)];
        foreach (var (name, value) in required)
            if (string.IsNullOrEmpty(value)) throw new ArgumentException($"{name} is required");
        return o;
    }
}
