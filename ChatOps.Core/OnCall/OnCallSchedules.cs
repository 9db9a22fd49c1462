namespace ChatOps.Core.OnCall;

/// <summary>The configured schedules, parsed once (the settings check has refused any that do not parse).</summary>
public sealed class OnCallSchedules(OnCallOptions options)
{
    private readonly Dictionary<string, OnCallSchedule> _byName = options.Schedules
        .Select(s => OnCallSchedule.Parse(s.Key, s.Value).Schedule).OfType<OnCallSchedule>()
        .ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<OnCallSchedule> All => _byName.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public OnCallSchedule? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>True when some rotation lists <paramref name="user"/>: only such people may be put on call from chat.</summary>
    public bool Knows(string user) => _byName.Values.Any(s => s.Users.Contains(user, StringComparer.Ordinal));
}
