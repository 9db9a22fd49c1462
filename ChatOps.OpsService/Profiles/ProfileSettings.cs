using System.Text.RegularExpressions;

namespace ChatOps.OpsService.Profiles;

/// <summary>Start-up checks of the profile sources; each problem names its key, never a token.</summary>
public static partial class ProfileSettings
{
    public static IReadOnlyList<string> Problems(ProfileOptions o)
    {
        var problems = new List<string>();
        const string root = "OpsService__Profiles__";
        if (o.KeepFor <= TimeSpan.Zero) problems.Add($"{root}KeepFor must be positive, like 00:15:00");
        foreach (var (name, s) in o.Services)
        {
            var key = $"{root}Services__{name}__";
            if (!ServiceName().IsMatch(name)) problems.Add($"{key}: the service name must be letters, digits, '.', '_' or '-'");
            if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                problems.Add($"{key}Url must be the absolute http(s) URL of the pprof base, like http://checkout:6060/debug/pprof");
            else if (url.Query.Length > 0 || url.Fragment.Length > 0)
                problems.Add($"{key}Url must be the pprof base without a query (the kind is appended to it)");
            if (s.MaxSeconds is < 1 or > 600) problems.Add($"{key}MaxSeconds must be between 1 and 600");
            if (s.MaxBytes is < 1024 or > 1024L * 1024 * 1024) problems.Add($"{key}MaxBytes must be between 1024 and 1073741824");
            if (s.MaxPerHour is < 1 or > 3600) problems.Add($"{key}MaxPerHour must be between 1 and 3600");
            if (!string.IsNullOrEmpty(s.TokenHeader) && !HeaderName().IsMatch(s.TokenHeader))
                problems.Add($"{key}TokenHeader is not a valid HTTP header name");
            if (!string.IsNullOrEmpty(s.TokenHeader) && string.IsNullOrEmpty(s.Token))
                problems.Add($"{key}TokenHeader is set but {key}Token is missing");
        }
        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex ServiceName();

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$")]
    private static partial Regex HeaderName();
}
