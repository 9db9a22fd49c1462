using System.Security.Cryptography;

namespace ChatOps.OpsService.Profiles;

/// <summary>
/// Takes profiles in the background: at most one per service at a time (a second request is refused, naming who is
/// taking one) and at most <see cref="ProfileSourceOptions.MaxPerHour"/> started per service in any hour (refused with
/// when the next may start), each with an id at once so a long CPU profile is collected later instead of waited for. Finished
/// captures stay collectable for <see cref="ProfileOptions.KeepFor"/>; captures still running at shutdown are cancelled
/// and awaited.
/// </summary>
public sealed class ProfileCaptures(ProfileOptions options, ProfileFetcher fetcher, TimeProvider clock, ILogger<ProfileCaptures> log) : IAsyncDisposable
{
    public const int DefaultSeconds = 30;

    private readonly Lock _gate = new();
    private readonly List<ProfileCapture> _captures = [];

    // When each service's profiles started, the last hour's: kept apart from the captures, which are forgotten sooner.
    private readonly Dictionary<string, Queue<DateTimeOffset>> _started = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();

    public IReadOnlyList<(string Service, ProfileSourceOptions Source)> Targets =>
        options.Services.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => (s.Key, s.Value)).ToList();

    public ProfileStart Start(ProfileOrder order)
    {
        if (!options.Services.TryGetValue(order.Service, out var source))
            return new(null, options.Services.Count == 0
                ? "no service is set up for profiles here"
                : $"'{order.Service}' is not a service I can profile (known: {string.Join(", ", options.Services.Keys.Order(StringComparer.OrdinalIgnoreCase))})");
        var name = options.Services.Keys.First(k => string.Equals(k, order.Service, StringComparison.OrdinalIgnoreCase));
        if (!ProfileKind.IsKnown(order.Kind))
            return new(null, $"'{order.Kind}' is not a profile kind (known: {string.Join(", ", ProfileKind.All)})");
        var seconds = order.Kind == ProfileKind.Cpu ? (order.Seconds > 0 ? order.Seconds : DefaultSeconds) : 0;
        if (seconds > source.MaxSeconds)
            return new(null, $"{seconds} s is longer than {name} allows for a CPU profile (at most {source.MaxSeconds} s)");

        ProfileCapture capture;
        lock (_gate)
        {
            Forget();
            if (order.RequestId.Length > 0 && _captures.FirstOrDefault(c => c.RequestId == order.RequestId && c.Service == name) is { } again)
                return new(again, null);
            if (_captures.FirstOrDefault(c => c.Service == name && !c.Work.IsCompleted) is { } busy)
                return new(null, $"a {busy.Kind} profile of {name} is being taken already, for {busy.RequestedBy}, " +
                                 $"until about {busy.ReadyAt:HH:mm:ss} UTC; one at a time per service");
            var now = clock.GetUtcNow();
            if (OverHourlyLimit(name, source, now) is { } refusal) return new(null, refusal);
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var work = new TaskCompletionSource<ProfileTaken>(TaskCreationOptions.RunContinuationsAsynchronously);
            capture = new ProfileCapture(id, name, order.Kind, seconds, order.RequestedBy, order.RequestId, now, now.AddSeconds(seconds), work.Task);
            _captures.Add(capture);
            _started[name].Enqueue(now);
            _ = Task.Run(() => TakeAsync(capture, source, work));
        }
        log.LogInformation("Profile {ProfileId}: {Kind} of {Service} for {Seconds} s asked by {User}", capture.Id, capture.Kind, name, seconds, order.RequestedBy);
        return new(capture, null);
    }

    public ProfileCapture? Find(string id)
    {
        lock (_gate)
        {
            Forget();
            return _captures.FirstOrDefault(c => c.Id == id);
        }
    }

    private async Task TakeAsync(ProfileCapture capture, ProfileSourceOptions source, TaskCompletionSource<ProfileTaken> work)
    {
        try
        {
            var raw = await fetcher.FetchAsync(capture.Service, source, capture.Kind, capture.Seconds, _stopping.Token).ConfigureAwait(false);
            var summary = await PprofDecoder.DecodeAsync(raw, source.MaxBytes, _stopping.Token).ConfigureAwait(false);
            if (summary.Total == 0) throw new ProfileFailure(NoSamples(capture));
            work.SetResult(new ProfileTaken(raw, summary, null));
            log.LogInformation("Profile {ProfileId} of {Service}: {Samples} samples, {Bytes} bytes", capture.Id, capture.Service, summary.SampleCount, raw.Length);
        }
        catch (ProfileFailure failure)
        {
            log.LogWarning("Profile {ProfileId} of {Service} failed: {Reason}", capture.Id, capture.Service, failure.Message);
            work.SetResult(ProfileTaken.Failed(failure.Message));
        }
        catch (OperationCanceledException)
        {
            work.SetResult(ProfileTaken.Failed("the Ops service stopped before the profile was in"));
        }
        catch (Exception ex)
        {
            // Whatever else went wrong, the capture must end, or the service stays "busy" for good.
            log.LogError(ex, "Profile {ProfileId} of {Service} failed unexpectedly", capture.Id, capture.Service);
            work.SetResult(ProfileTaken.Failed("the profile could not be read (an unexpected error in the Ops service)"));
        }
    }

    /// <summary>The refusal when the service's last hour already holds its allowance of profiles; called under the lock.</summary>
    private string? OverHourlyLimit(string name, ProfileSourceOptions source, DateTimeOffset now)
    {
        if (!_started.TryGetValue(name, out var starts)) _started[name] = starts = new Queue<DateTimeOffset>();
        while (starts.Count > 0 && starts.Peek() <= now - TimeSpan.FromHours(1)) starts.Dequeue();
        if (starts.Count < source.MaxPerHour) return null;
        var next = starts.Peek() + TimeSpan.FromHours(1);
        return $"{name} has had {starts.Count} profiles in the last hour, the most it allows (OpsService__Profiles__Services__{name}__MaxPerHour); " +
               $"the next can start at {next:HH:mm:ss} UTC";
    }

    private static string NoSamples(ProfileCapture capture) => capture.Kind == ProfileKind.Cpu
        ? $"no CPU samples in {capture.Seconds} s: the service was idle"
        : $"the {capture.Kind} profile of {capture.Service} holds no samples";

    private void Forget()
    {
        var cutoff = clock.GetUtcNow() - options.KeepFor;
        _captures.RemoveAll(c => c.Work.IsCompleted && c.ReadyAt < cutoff);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate) running = _captures.Select(c => (Task)c.Work).ToArray();
        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
