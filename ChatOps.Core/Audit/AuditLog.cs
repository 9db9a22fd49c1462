using Microsoft.Extensions.Logging;

namespace ChatOps.Core.Audit;

/// <summary>
/// Writes audit records as structured log lines under the category <see cref="Category"/>, so they can be
/// routed and kept apart from diagnostics (in Azure they reach Application Insights through the
/// invocation's Logs and the host's logging). The main fields are also named properties for queries.
/// </summary>
public sealed class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "ChatOps.Audit";

    private readonly ILogger _log = loggers.CreateLogger(Category);

    public void Write(AuditRecord record) =>
        _log.LogInformation("audit {Decision} {Outcome} command={Command} user={User} channel={Channel} event={EventId} {AuditJson}",
            record.Decision, record.Outcome, record.Command ?? "-", record.User, record.Channel, record.EventId, record.ToJson());
}
