using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Grpc.Core;

namespace ChatOps.OpsService.Metrics;

/// <summary>
/// The service's own metrics in Prometheus' text format (prometheus-net does not restore here):
/// calls by method and status, call latency as a histogram, and a build-info gauge carrying the version.
/// </summary>
public sealed class CallMetrics(string version)
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<(string Method, StatusCode Code), long> _calls = new();
    private readonly ConcurrentDictionary<string, Histogram> _latency = new();

    public string Version { get; } = version;

    public void Record(string method, StatusCode code, TimeSpan elapsed)
    {
        _calls.AddOrUpdate((method, code), 1, (_, n) => n + 1);
        _latency.GetOrAdd(method, _ => new Histogram()).Observe(elapsed.TotalSeconds);
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# HELP chatops_ops_build_info Build information of the ChatOps Ops service.\n# TYPE chatops_ops_build_info gauge\n");
        sb.Append($"chatops_ops_build_info{{version=\"{Escape(Version)}\"}} 1\n");
        sb.Append("# HELP chatops_ops_calls_total gRPC calls answered, by method and status.\n# TYPE chatops_ops_calls_total counter\n");
        foreach (var ((method, code), n) in _calls.OrderBy(k => k.Key.Method).ThenBy(k => k.Key.Code))
            sb.Append($"chatops_ops_calls_total{{method=\"{Escape(method)}\",code=\"{StatusName(code)}\"}} {n}\n");
        sb.Append("# HELP chatops_ops_call_duration_seconds gRPC call latency.\n# TYPE chatops_ops_call_duration_seconds histogram\n");
        foreach (var (method, h) in _latency.OrderBy(k => k.Key)) h.Render(sb, Escape(method));
        return sb.ToString();
    }

    /// <summary>gRPC's canonical names: DEADLINE_EXCEEDED, not DeadlineExceeded.</summary>
    public static string StatusName(StatusCode code) => code == StatusCode.OK ? "OK" :
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private long _count;
        private double _sum;

        public void Observe(double seconds)
        {
            lock (this)
            {
                for (var i = 0; i < Buckets.Length; i++) if (seconds <= Buckets[i]) _counts[i]++;
                _count++;
                _sum += seconds;
            }
        }

        public void Render(StringBuilder sb, string method)
        {
            lock (this)
            {
                for (var i = 0; i < Buckets.Length; i++)
                    sb.Append($"chatops_ops_call_duration_seconds_bucket{{method=\"{method}\",le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\"}} {_counts[i]}\n");
                sb.Append($"chatops_ops_call_duration_seconds_bucket{{method=\"{method}\",le=\"+Inf\"}} {_count}\n");
                sb.Append($"chatops_ops_call_duration_seconds_sum{{method=\"{method}\"}} {_sum.ToString("R", CultureInfo.InvariantCulture)}\n");
                sb.Append($"chatops_ops_call_duration_seconds_count{{method=\"{method}\"}} {_count}\n");
            }
        }
    }
}
