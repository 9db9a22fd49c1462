using System.Globalization;
using ChatOps.OpsService.Backends;
using ChatOps.OpsService.Deploy;

namespace ChatOps.OpsService.Config;

/// <summary>Runs a target's own checkers: the validator on a candidate, the reload, the verification. Commands go
/// through the deploy actions' runner (argument vectors, no shell, bounded output, the process group killed at the
/// timeout); a reload URL is POSTed.</summary>
public sealed class ConfigChecks(ActionRunner runner, HttpClient http, PrometheusClient prometheus, TimeProvider clock, int maxOutputLines)
{
    private const int MaxBodyChars = 2000;

    /// <summary>Null when valid; else the reason, with the validator's output.</summary>
    public async Task<(string? Problem, IReadOnlyList<string> Output)> ValidateAsync(ConfigTarget target, string candidateFile, CancellationToken ct)
    {
        if (target.Validate is null) return (null, []);
        var words = target.Validate.Select(w => w.Replace("{file}", candidateFile, StringComparison.Ordinal)).ToList();
        var outcome = await RunAsync(target, words, ct).ConfigureAwait(false);
        return outcome.State == DeploymentState.Succeeded
            ? (null, outcome.Output)
            : ($"the validator `{target.Validate[0]}` refused it ({Ending(outcome)})", outcome.Output);
    }

    public async Task<(bool Ok, IReadOnlyList<string> Output)> ReloadAsync(ConfigTarget target, CancellationToken ct)
    {
        if (target.ReloadUrl is { } url)
        {
            try
            {
                using var response = await http.PostAsync(url, null, ct).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                if (body.Length > MaxBodyChars) body = body[..MaxBodyChars] + "…";
                var line = $"POST {url.GetLeftPart(UriPartial.Path)}: HTTP {(int)response.StatusCode}";
                return (response.IsSuccessStatusCode, string.IsNullOrWhiteSpace(body) ? [line] : [line, .. body.Trim().Split('\n')]);
            }
            catch (HttpRequestException ex)
            {
                return (false, [$"POST {url.GetLeftPart(UriPartial.Path)} failed: {ex.Message}"]);
            }
        }
        if (target.ReloadCommand is { } command)
        {
            var outcome = await RunAsync(target, command, ct).ConfigureAwait(false);
            return (outcome.State == DeploymentState.Succeeded, [.. outcome.Output, $"`{command[0]}` {Ending(outcome)}"]);
        }
        return (true, []);
    }

    /// <summary>Waits for the verification to read 1, looking first after the target's delay.</summary>
    public async Task<(bool Ok, string Said)> VerifyAsync(ConfigTarget target, CancellationToken ct)
    {
        if (target.Verify is not { } query) return (true, "");
        var deadline = clock.GetUtcNow() + target.VerifyTimeout;
        await Task.Delay(target.VerifyDelay, clock, ct).ConfigureAwait(false);
        var last = "no answer";
        while (true)
        {
            try
            {
                var samples = await prometheus.QueryAsync(query, ct).ConfigureAwait(false);
                if (samples.Count > 0 && samples.All(s => double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v == 1))
                    return (true, $"{query} = 1");
                last = samples.Count == 0 ? "no series" : string.Join(", ", samples.Select(s => s.Value));
            }
            catch (global::Grpc.Core.RpcException ex)
            {
                // Prometheus down or the query refused: the push is not verified, and this says why.
                last = ex.Status.Detail;
            }
            if (clock.GetUtcNow() >= deadline) return (false, $"{query} did not become 1 within {target.VerifyTimeout.TotalSeconds:0} s (last: {last})");
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct).ConfigureAwait(false);
        }
    }

    private Task<ActionOutcome> RunAsync(ConfigTarget target, IReadOnlyList<string> words, CancellationToken ct) =>
        runner.RunAsync(new DeployServiceOptions { Command = words[0], Timeout = target.Timeout, WorkingDirectory = Path.GetDirectoryName(target.Path) },
            words.Skip(1).ToList(), new Dictionary<string, string>(), new OutputTail(maxOutputLines), ct);

    private static string Ending(ActionOutcome o) => o.State switch
    {
        DeploymentState.TimedOut => "timed out",
        _ when o.ExitCode is { } code => $"exit {code}",
        _ => "could not start",
    };
}
