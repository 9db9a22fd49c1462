namespace ChatOps.OpsService.Deploy;

/// <summary>Whether a succeeded deployment was seen running: the words kept in the history and sent on the wire.</summary>
public static class Verification
{
    /// <summary>The action exited 0; the version query is being asked until it reports the new version.</summary>
    public const string Checking = "verifying";

    /// <summary>Every series of the version query reports the new version.</summary>
    public const string Verified = "verified";

    /// <summary>The window passed (or the check was cut short) without every series reporting it.</summary>
    public const string NotVerified = "not_verified";

    /// <summary>Not checked: switched off for the service, or it has no version query.</summary>
    public const string Off = "off";

    /// <summary>A window as people read it: 300 ms, 20 s, 2 min.</summary>
    public static string Span(TimeSpan t) => t.TotalSeconds switch
    {
        < 1 => $"{Math.Round(t.TotalMilliseconds)} ms",
        < 120 => $"{Math.Round(t.TotalSeconds)} s",
        _ => $"{Math.Round(t.TotalMinutes, 1)} min",
    };

    /// <summary>"1.5.0 on 3/3 series", or what was seen instead ("1.4.0 on 2/3 series, 1.5.0 on 1/3 series").</summary>
    public static string Seen(IReadOnlyList<string> versions) => versions.Count == 0
        ? "no series"
        : string.Join(", ", versions.GroupBy(v => v, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} on {g.Count()}/{versions.Count} series"));
}
