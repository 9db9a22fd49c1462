using System.Text.RegularExpressions;

namespace ChatOps.OpsService.Deploy;

/// <summary>Start-up checks of the deploy settings; each problem names its key.</summary>
public static partial class DeploySettings
{
    public static IReadOnlyList<string> Problems(DeployOptions o)
    {
        var problems = new List<string>();
        const string root = "OpsService__Deploy__";
        if (o.Services.Count > 0)
        {
            if (string.IsNullOrWhiteSpace(o.HistoryFile)) problems.Add($"{root}HistoryFile is missing (where deployments are recorded)");
            else if (Path.GetDirectoryName(Path.GetFullPath(o.HistoryFile)) is { } dir && !Directory.Exists(dir))
                problems.Add($"{root}HistoryFile names a folder that does not exist ({dir})");
        }
        if (o.MaxOutputLines is < 1 or > 10_000) problems.Add($"{root}MaxOutputLines must be between 1 and 10000");
        if (o.VerifyPoll <= TimeSpan.Zero) problems.Add($"{root}VerifyPoll must be positive, like 00:00:05");
        foreach (var (name, s) in o.Services)
        {
            var key = $"{root}Services__{name}__";
            if (!ServiceName().IsMatch(name)) problems.Add($"{key}: the service name must be letters, digits, '.', '_' or '-'");
            if (string.IsNullOrWhiteSpace(s.Command)) problems.Add($"{key}Command is missing (the executable that deploys {name})");
            if (ArgumentTemplate.Split(s.Arguments) is null) problems.Add($"{key}Arguments has a quote that is never closed");
            if (s.Timeout <= TimeSpan.Zero) problems.Add($"{key}Timeout must be positive, like 00:15:00");
            if (s.VerifyFor < TimeSpan.Zero) problems.Add($"{key}VerifyFor must be 00:00:00 (off) or positive, like 00:02:00");
            if (!string.IsNullOrEmpty(s.WorkingDirectory) && !Directory.Exists(s.WorkingDirectory))
                problems.Add($"{key}WorkingDirectory does not exist ({s.WorkingDirectory})");
            try
            {
                _ = new Regex(s.VersionPattern);
                if (!s.VersionPattern.StartsWith('^') || !s.VersionPattern.EndsWith('$'))
                    problems.Add($"{key}VersionPattern must be anchored with ^ and $ (it checks the whole version)");
            }
            catch (ArgumentException)
            {
                problems.Add($"{key}VersionPattern is not a valid regular expression");
            }
        }
        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex ServiceName();
}
