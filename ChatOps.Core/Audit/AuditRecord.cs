using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatOps.Core.Audit;

/// <summary>
/// One record per command attempt (docs/trust.md, "Audit trail", documents it; change it only by adding fields
/// or by raising <see cref="Schema"/>). Values are Slack ids, never names, and the arguments are redacted.
/// </summary>
public sealed record AuditRecord
{
    public int Schema { get; init; } = 1;
    public required DateTimeOffset Time { get; init; }

    /// <summary>The command's id: Slack's event_id, a slash command's trigger_id, or click-&lt;trigger_id&gt;.</summary>
    public required string EventId { get; init; }

    /// <summary>mention, direct_message, slash_command or button.</summary>
    public required string Source { get; init; }

    public string? Team { get; init; }
    public required string Channel { get; init; }
    public required string User { get; init; }

    /// <summary>The registered command name; null when the text named no command.</summary>
    public string? Command { get; init; }

    public string? Arguments { get; init; }

    /// <summary>allowed, refused, confirmation_requested, confirmed, cancelled, expired, invalid, duplicate,
    /// rate_limited or too_long.</summary>
    public required string Decision { get; init; }

    /// <summary>success, user_mistake, failed, rendered_blank (a graph page that drew nothing; nothing was uploaded),
    /// refused, pending, undeliverable, retry (a transient failure the queue will try again) or none.</summary>
    public required string Outcome { get; init; }

    /// <summary>For clicks: who asked for the change being confirmed or cancelled.</summary>
    public string? RequestedBy { get; init; }

    public long DurationMs { get; init; }

    /// <summary>The environment the command ran against (its Ops service); null when none could be chosen.</summary>
    public string? Environment { get; init; }

    /// <summary>The W3C trace id sent with the command's Ops calls; null when it made none.</summary>
    public string? OpsTraceId { get; init; }

    /// <summary>The queue's DequeueCount and Slack's X-Slack-Retry-Num of this delivery.</summary>
    public int Attempt { get; init; }
    public int SlackRetry { get; init; }

    /// <summary>Only on the one record written when a followed deployment ends (decision deployment_finished).</summary>
    public DeploymentAudit? Deployment { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
