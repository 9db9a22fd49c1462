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
            if (s.Timeout is { } t && t <= TimeSpan.Zero) problems.Add($"{key}__Timeout must be positive, like 00:00:30");
            if (!name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
                problems.Add($"{key}: shortcut names are letters, digits, '-' and '_'");
        }
        if (o.RenderTimeout <= TimeSpan.Zero) problems.Add("Graphs__RenderTimeout must be positive");
        if (o.Width is < 200 or > 4000 || o.Height is < 150 or > 4000) problems.Add("Graphs__Width and Graphs__Height must be 200-4000 and 150-4000 pixels");
        if (o.MaxConcurrentRenders < 1) problems.Add("Graphs__MaxConcurrentRenders must be at least 1");
        return problems;
    }

    public static IReadOnlyList<string> Worker(WorkerOptions o)
    {
        var problems = new List<string>();
        if (o.MaxDequeueCount is < 1 or > 100) problems.Add("Worker__MaxDequeueCount must be from 1 to 100 (host.json's maxDequeueCount)");
        if (o.DeploymentPoll < TimeSpan.FromMilliseconds(100) || o.DeploymentPoll > TimeSpan.FromMinutes(10))
            problems.Add("Worker__DeploymentPoll must be from 00:00:00.1 to 00:10:00");
        if (o.DeploymentFollowFor <= TimeSpan.Zero || o.DeploymentFollowFor > TimeSpan.FromDays(6))
            problems.Add("Worker__DeploymentFollowFor must be positive and at most 6 days, like 00:20:00");
        if (o.ProfileCollectFor <= TimeSpan.Zero || o.ProfileCollectFor > TimeSpan.FromDays(1))
            problems.Add("Worker__ProfileCollectFor must be positive and at most a day, like 00:15:00");
        return problems;
    }

    /// <param name="serving">True for the HTTP modes; the command line runs commands without confirmation.</param>
    /// <param name="mutatingAllowed">True when an access rule lets someone run a mutating command, which then
    /// needs a confirmation, which needs the key.</param>
    public static IReadOnlyList<string> Confirmations(ConfirmationOptions o, bool serving, bool mutatingAllowed)
    {
        var problems = new List<string>();
        if (o.Expiry < TimeSpan.FromSeconds(10) || o.Expiry > TimeSpan.FromDays(1))
            problems.Add("Confirmations__Expiry must be between 00:00:10 and 1.00:00:00");
        // The command line never shows buttons (its operator is trusted), so it needs no key.
        if (!serving) return problems;
        if (string.IsNullOrWhiteSpace(o.HmacKey))
        {
            if (mutatingAllowed)
                problems.Add("Confirmations__HmacKey is missing: an Access rule allows a command that changes production, and its " +
                             "confirmation buttons are signed with this key (32+ random characters, e.g. `openssl rand -base64 48`)");
        }
        else if (IsPlaceholder(o.HmacKey))
            problems.Add("Confirmations__HmacKey still holds the sample's <placeholder>");
        else if (o.HmacKey.Trim().Length < 32)
            problems.Add("Confirmations__HmacKey is too short: use at least 32 random characters");
        return problems;
    }

    public static IReadOnlyList<string> Limits(LimitOptions o)
    {
        var problems = new List<string>();
        if (o.MaxBodyBytes is < 4096 or > 16 * 1024 * 1024)
            problems.Add("Limits__MaxBodyBytes must be from 4096 to 16777216");
        if (o.MaxCommandLength is < 20 or > 40_000)
            problems.Add("Limits__MaxCommandLength must be from 20 to 40000 characters");
        if (o.CommandsPerMinute is < 0 or > 10_000)
            problems.Add("Limits__CommandsPerMinute must be from 0 (no limit) to 10000");
        if (o.MaxConcurrentOpsCalls is < 1 or > 1000)
            problems.Add("Limits__MaxConcurrentOpsCalls must be from 1 to 1000");
        return problems;
    }

    private static bool IsPlaceholder(string? value) => value is not null && value.TrimStart().StartsWith('<');

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
