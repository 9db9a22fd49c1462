namespace ChatOps.Core.Options;

/// <summary>
/// Start-up checks of settings. Problems name the key as it is written in app settings and
/// environment variables (Slack__SigningSecret), never its value: several keys are secrets.
/// </summary>
public static class SettingsCheck
{
    public static IReadOnlyList<string> Slack(SlackOptions o, bool needsSigningSecret, bool needsBotToken)
    {
        var problems = new List<string>();
        if (needsSigningSecret && string.IsNullOrWhiteSpace(o.SigningSecret))
            problems.Add("Slack__SigningSecret is missing (the app's signing secret; requests cannot be verified without it)");
        else if (needsSigningSecret && IsPlaceholder(o.SigningSecret))
            problems.Add("Slack__SigningSecret still holds the sample's <placeholder>; a published value would let anyone sign requests");
        if (needsBotToken && string.IsNullOrWhiteSpace(o.BotToken))
            problems.Add("Slack__BotToken is missing (the bot token, xoxb-...)");
        else if (needsBotToken && IsPlaceholder(o.BotToken))
            problems.Add("Slack__BotToken still holds the sample's <placeholder>");
        if (!IsHttpUrl(o.ApiBaseUrl))
            problems.Add("Slack__ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api/");
        if (o.MaxRetryAfter < TimeSpan.Zero)
            problems.Add("Slack__MaxRetryAfter must not be negative");
        return problems;
    }

    public static IReadOnlyList<string> Ops(OpsOptions o)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Endpoint))
            problems.Add("Ops__Endpoint is missing (the Ops gRPC service, e.g. http://127.0.0.1:50051)");
        else if (!IsHttpUrl(o.Endpoint))
            problems.Add("Ops__Endpoint must be an absolute http:// or https:// URL");
        if (o.Timeout <= TimeSpan.Zero || o.Timeout > TimeSpan.FromMinutes(5))
            problems.Add("Ops__Timeout must be between 00:00:00.001 and 00:05:00");
        if (!string.IsNullOrWhiteSpace(o.TraceUiUrl) && (!o.TraceUiUrl.Contains("{id}") || !IsHttpUrl(o.TraceUiUrl.Replace("{id}", "x"))))
            problems.Add("Ops__TraceUiUrl must be an http(s) URL containing {id}, e.g. http://jaeger:16686/trace/{id}");
        return problems;
    }

    public static IReadOnlyList<string> Graphs(Graphs.GraphOptions o)
    {
        var problems = new List<string>();
        foreach (var (name, s) in o.Shortcuts)
        {
            var key = $"Graphs__Shortcuts__{name}";
            if (string.IsNullOrWhiteSpace(s.Query) == string.IsNullOrWhiteSpace(s.Url))
                problems.Add($"{key} needs exactly one of __Query (PromQL) or __Url (a page to screenshot)");
            if (!string.IsNullOrWhiteSpace(s.Url) && !IsHttpUrl(s.Url.Replace("{from}", "0").Replace("{to}", "0")))
                problems.Add($"{key}__Url must be an absolute http(s) URL");
            if (s.Range <= TimeSpan.Zero) problems.Add($"{key}__Range must be positive, like 01:00:00");
            if (!name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
                problems.Add($"{key}: shortcut names are letters, digits, '-' and '_'");
        }
        if (o.RenderTimeout <= TimeSpan.Zero) problems.Add("Graphs__RenderTimeout must be positive");
        if (o.Width is < 200 or > 4000 || o.Height is < 150 or > 4000) problems.Add("Graphs__Width and Graphs__Height must be 200-4000 and 150-4000 pixels");
        if (o.MaxConcurrentRenders < 1) problems.Add("Graphs__MaxConcurrentRenders must be at least 1");
        return problems;
    }

    public static IReadOnlyList<string> Worker(WorkerOptions o) =>
        o.MaxDequeueCount is >= 1 and <= 100 ? [] : ["Worker__MaxDequeueCount must be from 1 to 100 (host.json's maxDequeueCount)"];

    private static bool IsPlaceholder(string? value) => value is not null && value.TrimStart().StartsWith('<');

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
