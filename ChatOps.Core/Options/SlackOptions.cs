namespace ChatOps.Core.Options;

/// <summary>Slack settings (configuration section "Slack").</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Signing secret from the app's Basic Information page. Secret.</summary>
    public string? SigningSecret { get; set; }

    /// <summary>Bot token (xoxb-...). Secret.</summary>
    public string? BotToken { get; set; }

    /// <summary>Web API base; tests point it at a fake.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>Where shared files are downloaded from: the bot token is sent with a download only when its URL has
    /// this scheme, host and port (tests point it at a fake).</summary>
    public string FileHostUrl { get; set; } = "https://files.slack.com/";

    /// <summary>The bot's user id, if known in advance; otherwise taken from the event's authorizations
    /// on the ack path and from auth.test in the worker.</summary>
    public string? BotUserId { get; set; }

    /// <summary>Longest wait the client accepts for a 429 Retry-After before it gives the message back
    /// to the queue instead.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Least time between two posts of this instance to one channel (Slack: about 1 per second).</summary>
    public TimeSpan ChannelPace { get; set; } = TimeSpan.FromSeconds(1);
}
