namespace RenderBench;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = p / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        return sorted[low] + (sorted[Math.Min(low + 1, sorted.Count - 1)] - sorted[low]) * (rank - low);
    }

    public static string Summary(IReadOnlyList<double> ms) =>
        $"p50 {Percentile(ms, 50),6:0} ms  p95 {Percentile(ms, 95),6:0} ms  max {ms.Max(),6:0} ms";

    /// <summary>Peak resident memory of a process (VmHWM), in MB.</summary>
    public static double PeakMb(int pid = 0) => Status(pid, "VmHWM:");

    public static double RssMb(int pid) => Status(pid, "VmRSS:");

    private static double Status(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{(pid == 0 ? "self" : pid.ToString())}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            return 0;
        }
    }

    /// <summary>Summed RSS of the processes whose command line carries a flag (a renderer's Chromium).</summary>
    public static double RssOfFlagged(string flag) => Directory.GetDirectories("/proc")
        .Where(d => int.TryParse(Path.GetFileName(d), out _))
        .Where(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Contains(flag, StringComparison.Ordinal); } catch (IOException) { return false; } })
        .Sum(d => RssMb(int.Parse(Path.GetFileName(d))));
}
