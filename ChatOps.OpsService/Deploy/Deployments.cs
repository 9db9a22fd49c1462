using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ChatOps.OpsService.Deploy;

/// <summary>
/// Starts deployments and keeps their state: one running per service, each with an id at once, its action
/// run in the background (awaited at shutdown), every change appended to the history. A refusal says why
/// and runs nothing.
/// </summary>
public sealed class Deployments : IAsyncDisposable
{
    private readonly DeployOptions _options;
    private readonly DeploymentHistory _history;
    private readonly ActionRunner _runner;
    private readonly TimeProvider _clock;
    private readonly ILogger<Deployments> _log;
    private readonly IVersionProbe? _probe;
    private readonly Lock _gate = new();
    private readonly List<DeploymentRecord> _all;
    private readonly Dictionary<string, OutputTail> _tails = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="probe">Asks a service's version query after its action succeeded; null checks nothing.</param>
    public Deployments(DeployOptions options, DeploymentHistory history, ActionRunner runner, TimeProvider clock, ILogger<Deployments> log,
        IVersionProbe? probe = null)
    {
        (_options, _history, _runner, _clock, _log, _probe) = (options, history, runner, clock, log, probe);
        _all = history.Load().ToList();
        // Running (or being checked) in the history but not here: the service stopped under it. Say so once, in the history too.
        for (var i = 0; i < _all.Count; i++)
        {
            if (!_all[i].Done) _all[i] = _all[i] with { State = DeploymentState.Interrupted, FinishedAt = clock.GetUtcNow() };
            else if (_all[i].Verification == Verification.Checking)
                _all[i] = _all[i] with { Verification = Verification.NotVerified, VerificationNote = "the Ops service stopped while checking its version" };
            else continue;
            _history.Append(_all[i]);
        }
    }

    /// <summary>Why the request could not start now, or null: the checks of <see cref="Start"/>, running nothing.</summary>
    public string? Check(DeployRequest request)
    {
        var refusal = Validate(request, out var name, out _);
        if (refusal is not null) return refusal;
        lock (_gate) return Busy(name!) ?? Changed(name!, request.ExpectedLast);
    }

    /// <summary>The id of the newest deployment of the service ("" = none yet): what a prompt saw.</summary>
    public string LastId(string service)
    {
        lock (_gate) return Newest(service)?.Id ?? "";
    }

    private DeploymentRecord? Newest(string service) =>
        _all.LastOrDefault(d => string.Equals(d.Service, service, StringComparison.OrdinalIgnoreCase));

    /// <summary>Why a request confirmed from a prompt may not run: a deployment of the service started since the prompt.</summary>
    private string? Changed(string name, string? expectedLast)
    {
        if (expectedLast is null || Newest(name) is not { } newest || newest.Id == expectedLast) return null;
        var kind = newest.Rollback ? "a rollback to" : "a deployment of";
        var state = newest.State.ToString().ToLowerInvariant() switch { "timedout" => "timed out", var s => s };
        return $"{name} changed since the prompt: {kind} {newest.Version} ({newest.Id}, {state}, asked by {newest.RequestedBy}) " +
               "came after it. Ask again to see where it stands now";
    }

    public DeployStart Start(DeployRequest request)
    {
        if (Validate(request, out var name, out var service) is { } refusal) return DeployStart.Refused(refusal);
        var words = ArgumentTemplate.Split(service!.Arguments)!;

        DeploymentRecord record;
        OutputTail tail;
        lock (_gate)
        {
            if ((Busy(name!) ?? Changed(name!, request.ExpectedLast)) is { } busy) return DeployStart.Refused(busy);
            record = new DeploymentRecord(NewId(), name!, request.Version, request.RunningVersion ?? CurrentVersion(name!), request.Rollback, request.RequestedBy,
                request.ConfirmedBy, request.TraceId, _clock.GetUtcNow(), DeploymentState.Running);
            _all.Add(record);
            tail = new OutputTail(_options.MaxOutputLines);
            _tails[record.Id] = tail;
            _history.Append(record);
            var environment = new Dictionary<string, string>
            {
                ["CHATOPS_DEPLOYMENT_ID"] = record.Id,
                ["CHATOPS_SERVICE"] = name!,
                ["CHATOPS_VERSION"] = request.Version,
            };
            _running[record.Id] = Task.Run(() => RunAsync(record, service, ArgumentTemplate.Fill(words, name!, request.Version), environment, tail));
        }
        _log.LogWarning("Deployment {DeploymentId}: {Service} {From} -> {Version} asked by {User}, confirmed by {Confirmer} (trace {TraceId})",
            record.Id, name, record.PreviousVersion ?? "(none)", record.Version, record.RequestedBy, record.ConfirmedBy, record.TraceId);
        return new DeployStart(record, null);
    }

    private string? Busy(string name) => _all.LastOrDefault(d => d.Service == name && !d.Done) is { } busy
        ? $"{name} is being deployed already: {busy.Version}, started by {busy.RequestedBy} at {busy.StartedAt:yyyy-MM-dd HH:mm:ss} UTC ({busy.Id})"
        : null;

    private string? Validate(DeployRequest request, out string? name, out DeployServiceOptions? service)
    {
        name = null;
        if (!_options.Services.TryGetValue(request.Service, out service))
            return _options.Services.Count == 0
                ? "no service is set up for deployments here"
                : $"'{request.Service}' is not a service I can deploy (known: {string.Join(", ", _options.Services.Keys.Order())})";
        name = _options.Services.Keys.First(k => string.Equals(k, request.Service, StringComparison.OrdinalIgnoreCase));
        if (!Regex.IsMatch(request.Version, service.VersionPattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            return $"'{request.Version}' is not a version {name} accepts (it must match {service.VersionPattern})";
        return null;
    }

    /// <summary>The version a rollback of the service goes back to, or why there is none.</summary>
    public (string? Version, string? Refusal) RollbackTarget(string service)
    {
        if (!_options.Services.ContainsKey(service)) return (null, $"'{service}' is not a service I can deploy");
        lock (_gate)
        {
            var good = _all.Where(d => string.Equals(d.Service, service, StringComparison.OrdinalIgnoreCase) && d.State == DeploymentState.Succeeded)
                .ToList();
            if (good.Count == 0) return (null, $"{service} has no successful deployment in the history");
            var versions = GoodVersions(good);
            var current = versions[^1];
            return versions.Count > 1 ? (versions[^2], null) : (null, $"no version of {service} deployed successfully before {current}");
        }
    }

    /// <summary>
    /// The versions a rollback may go back to, oldest first, the current one last: each successful deployment
    /// puts its version on top; a successful rollback takes off what it rolled away from (down to its target),
    /// so the next rollback goes further back, never forth. The version that ran before the first deployment
    /// made here counts too: it was running, so it had deployed. Deploy 1.0.0, deploy 2.0.0, roll back (to
    /// 1.0.0): the next rollback goes to what ran before 1.0.0, or is refused.
    /// </summary>
    private static List<string> GoodVersions(IReadOnlyList<DeploymentRecord> good)
    {
        var versions = new List<string>();
        if (good[0].PreviousVersion is { } before) versions.Add(before);
        foreach (var d in good)
        {
            if (d.Rollback && versions.LastIndexOf(d.Version) is var at and >= 0)
            {
                versions.RemoveRange(at + 1, versions.Count - at - 1);
                continue;
            }
            if (d.Rollback) versions.Clear();
            if (versions.Count == 0 || versions[^1] != d.Version) versions.Add(d.Version);
        }
        return versions;
    }

    public DeploymentRecord? Status(string id)
    {
        lock (_gate)
        {
            var record = _all.LastOrDefault(d => d.Id == id);
            return record is { Done: false } && _tails.TryGetValue(id, out var tail) ? record with { Output = tail.Lines() } : record;
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<DeploymentRecord> List(string? service, int limit)
    {
        lock (_gate)
            return _all.Where(d => string.IsNullOrEmpty(service) || string.Equals(d.Service, service, StringComparison.OrdinalIgnoreCase))
                .Reverse().Take(limit).ToList();
    }

    private string? CurrentVersion(string service) =>
        _all.LastOrDefault(d => d.Service == service && d.State == DeploymentState.Succeeded)?.Version;

    private async Task RunAsync(DeploymentRecord record, DeployServiceOptions service, IReadOnlyList<string> arguments,
        Dictionary<string, string> environment, OutputTail tail)
    {
        ActionOutcome outcome;
        try
        {
            outcome = await _runner.RunAsync(service, arguments, environment, tail, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Deployment {DeploymentId} could not run its action", record.Id);
            tail.Add($"the action could not be run: {ex.Message}");
            outcome = new ActionOutcome(DeploymentState.Failed, null, tail.Lines());
        }
        var finished = record with { State = outcome.State, ExitCode = outcome.ExitCode, FinishedAt = _clock.GetUtcNow(), Output = outcome.Output };
        var checking = outcome.State == DeploymentState.Succeeded && _probe is not null && service.VerifyFor > TimeSpan.Zero;
        if (outcome.State == DeploymentState.Succeeded)
            finished = finished with
            {
                Verification = checking ? Verification.Checking : Verification.Off,
                VerificationNote = checking ? null : "the check is off for this service",
            };
        lock (_gate)
        {
            _all[_all.FindLastIndex(d => d.Id == record.Id)] = finished;
            _tails.Remove(record.Id);
            if (!checking) _running.Remove(record.Id);
            _history.Append(finished);
        }
        _log.LogWarning("Deployment {DeploymentId} of {Service} {Version}: {State} (exit {ExitCode})",
            record.Id, record.Service, record.Version, outcome.State, outcome.ExitCode);
        if (checking) await VerifyAsync(finished, service.VerifyFor).ConfigureAwait(false);
    }

    /// <summary>Asks the service's version query until every series reports the new version or the window passes; the
    /// deployment stays succeeded either way (the action said so), with what was seen.</summary>
    private async Task VerifyAsync(DeploymentRecord finished, TimeSpan window)
    {
        var until = _clock.GetUtcNow() + window;
        string result, note;
        while (true)
        {
            string seen;
            try
            {
                var versions = await _probe!.VersionsAsync(finished.Service, _stopping.Token).ConfigureAwait(false);
                if (versions is null)
                {
                    (result, note) = (Verification.Off, $"{finished.Service} has no version query");
                    break;
                }
                seen = $"{_probe.Source} reports {Verification.Seen(versions)}";
                if (versions.Count > 0 && versions.All(v => v == finished.Version))
                {
                    (result, note) = (Verification.Verified, seen);
                    break;
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                (result, note) = (Verification.NotVerified, "the Ops service stopped while checking its version");
                break;
            }
            catch (Exception ex)
            {
                seen = $"the version query failed ({ex.Message})";
            }
            if (_clock.GetUtcNow() >= until)
            {
                (result, note) = (Verification.NotVerified, $"after {Verification.Span(window)} {seen}");
                break;
            }
            try
            {
                await Task.Delay(_options.VerifyPoll, _clock, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                (result, note) = (Verification.NotVerified, "the Ops service stopped while checking its version");
                break;
            }
        }
        var verified = finished with { Verification = result, VerificationNote = note };
        lock (_gate)
        {
            var at = _all.FindLastIndex(d => d.Id == finished.Id);
            if (at >= 0) _all[at] = verified;
            _running.Remove(finished.Id);
            _history.Append(verified);
        }
        _log.LogWarning("Deployment {DeploymentId} of {Service} {Version}: {Verification} ({Note})",
            finished.Id, finished.Service, finished.Version, result, note);
    }

    private static string NewId() => "dep-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate) running = _running.Values.ToArray();
        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
