using System.Diagnostics;

namespace LoadGen;

public sealed record LevelResult(string Target, int Concurrency, long Requests, long Errors, double Seconds, double Rps,
    double P50, double P99, double Max, double Mean, long TotalOk)
{
    /// <summary>CPU time (user + system) the server process spent per successful request, warmup included.</summary>
    public double CpuUsPerAck { get; init; }
}

/// <summary>A closed-loop load: <c>concurrency</c> workers, each sending a freshly signed request as
/// soon as its previous one is answered; a warmup, then a measured window. A request counts in the
/// window when it completes inside it.</summary>
public static class AckLoad
{
    public static async Task<LevelResult> RunAsync(string target, Func<HttpRequestMessage> make, Func<int, string, bool> ok,
        int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        return await RunAsync(target, async () =>
        {
            try
            {
                using var request = make();
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                return ok((int)response.StatusCode, body);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, concurrency, warmup, duration);
    }

    /// <summary>The same closed loop over any one-request action (the in-process target calls the function class).</summary>
    public static async Task<LevelResult> RunAsync(string target, Func<Task<bool>> once, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[concurrency];
        var errors = new long[concurrency];
        var totalOk = new long[concurrency];

        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(64 * 1024);
            while (Stopwatch.GetTimestamp() < measureTo)
            {
                var sent = Stopwatch.GetTimestamp();
                var good = await once();
                var done = Stopwatch.GetTimestamp();
                if (good) totalOk[w]++;
                if (done < measureFrom || done >= measureTo) continue;
                if (good) mine.Add(Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds);
                else errors[w]++;
            }
        })).ToArray();
        await Task.WhenAll(workers);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        if (all.Length == 0) throw new InvalidOperationException($"{target}: no request succeeded at concurrency {concurrency} ({errors.Sum()} errors)");
        var seconds = duration.TotalSeconds;
        return new LevelResult(target, concurrency, all.Length, errors.Sum(), seconds, all.Length / seconds,
            Stats.Percentile(all, 50), Stats.Percentile(all, 99), all[^1], all.Average(), totalOk.Sum());
    }
}

public static class Stats
{
    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
