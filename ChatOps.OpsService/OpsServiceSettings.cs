using System.Net;

namespace ChatOps.OpsService;

/// <summary>Start-up checks of the settings; problems name the key (OpsService__X), never a secret value.</summary>
public static class OpsServiceSettings
{
    public static IReadOnlyList<string> Problems(OpsServiceOptions o)
    {
        var problems = new List<string>();
        CheckListen(problems, "OpsService__Listen", o.Listen);
        CheckListen(problems, "OpsService__MetricsListen", o.MetricsListen);
        if (!string.IsNullOrEmpty(o.TlsListen))
        {
            if (!o.TlsListen.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                problems.Add("OpsService__TlsListen must be an https:// address, like https://0.0.0.0:50052");
            else
                CheckListen(problems, "OpsService__TlsListen", o.TlsListen);
            if (string.IsNullOrEmpty(o.TlsCertificate) || !File.Exists(o.TlsCertificate))
                problems.Add("OpsService__TlsCertificate must name an existing .pfx file when OpsService__TlsListen is set");
        }
        CheckUrl(problems, "OpsService__PrometheusUrl", o.PrometheusUrl);
        CheckUrl(problems, "OpsService__JaegerUrl", o.JaegerUrl);
        if (!string.IsNullOrWhiteSpace(o.AlertmanagerUrl)) CheckUrl(problems, "OpsService__AlertmanagerUrl", o.AlertmanagerUrl);
        if (string.IsNullOrWhiteSpace(o.SamplingFile))
            problems.Add("OpsService__SamplingFile is missing (Jaeger's sampling strategies file)");
        else if (Path.GetDirectoryName(Path.GetFullPath(o.SamplingFile)) is { } dir && !Directory.Exists(dir))
            problems.Add($"OpsService__SamplingFile names a folder that does not exist ({dir})");
        if (string.IsNullOrWhiteSpace(o.VersionQuery)) problems.Add("OpsService__VersionQuery is missing (PromQL for the deployed version)");
        if (o.MaxMessageBytes is < 1024 or > 64 * 1024 * 1024) problems.Add("OpsService__MaxMessageBytes must be between 1024 and 67108864");
        problems.AddRange(Deploy.DeploySettings.Problems(o.Deploy));
        problems.AddRange(Profiles.ProfileSettings.Problems(o.Profiles));
        problems.AddRange(Config.ConfigSettings.Problems(o.Config));
        return problems;
    }

    private static void CheckUrl(List<string> problems, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            problems.Add($"{key} must be an absolute http(s) URL");
    }

    private static void CheckListen(List<string> problems, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Port is <= 0 or > 65535 ||
            !(uri.Host is "localhost" or "0.0.0.0" or "*" or "+" || IPAddress.TryParse(uri.Host.Trim('[', ']'), out _)))
            problems.Add($"{key} must be like http://127.0.0.1:50051 (an IP address or localhost, and a port)");
    }
}
