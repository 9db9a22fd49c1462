using ChatOps.Core.Audit;
using ChatOps.Core.Commands;
using ChatOps.Core.Confirmations;
using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Worker;

/// <summary>Collects one attempt's audit fields as the worker learns them, and writes the record once.</summary>
public sealed class AuditDraft(CommandEnvelope envelope, int attempt, WorkerServices services, CommandDispatcher dispatcher, long started)
{
    private bool _written;

    public string Decision { get; set; } = "allowed";

    /// <summary>For clicks: the verified request (command and arguments come from it, not from the text).</summary>
    public PendingChange? Change { get; set; }

    /// <summary>The context the command ran in, for its Ops trace id.</summary>
    public CommandContext? Context { get; set; }

    /// <summary>For clicks that are not confirmations (alert messages): the command and arguments they amounted to.</summary>
    public (string Command, string Arguments)? Named { get; set; }

    public void Write(string outcome)
    {
        if (_written) return;
        _written = true;
        var (command, arguments) = CommandAndArguments();
        services.Audit.Write(new AuditRecord
        {
            Time = services.Clock.GetUtcNow(),
            EventId = envelope.Id,
            Source = SourceName(envelope.Source),
            Team = envelope.TeamId,
            Channel = envelope.ChannelId,
            User = envelope.UserId,
            Command = command,
            Arguments = arguments is null ? null : services.Redactor.Redact(arguments),
            Decision = Decision,
            Outcome = outcome,
            RequestedBy = Change?.RequestedBy,
            DurationMs = (long)services.Clock.GetElapsedTime(started).TotalMilliseconds,
            Environment = Context?.Environment?.Name ?? Change?.Environment ?? envelope.Environment,
            OpsTraceId = Context is { CalledOps: true } c ? c.TraceId : null,
            Attempt = attempt,
            SlackRetry = envelope.RetryNum,
        });
    }

    private (string? Command, string? Arguments) CommandAndArguments()
    {
        if (Change is { } change) return (change.Command, change.Arguments);
        if (Named is { } named) return named;
        if (envelope.Alert is { } alert) return ("alert", $"{alert.Status} {Alerts.AlertMessage.Name(alert)}");
        if (envelope.Click is not null) return (null, null);
        var text = string.IsNullOrWhiteSpace(envelope.Text) ? CommandDispatcher.HelpName : envelope.Text.Trim();
        return dispatcher.Registry.Match(text) is { } match ? (match.Command.Info.Name, match.Arguments) : (null, text);
    }

    private static string SourceName(EnvelopeSource source) => source switch
    {
        EnvelopeSource.Mention => "mention",
        EnvelopeSource.DirectMessage => "direct_message",
        EnvelopeSource.SlashCommand => "slash_command",
        EnvelopeSource.Button => "button",
        EnvelopeSource.Alertmanager => "alertmanager",
        _ => source.ToString().ToLowerInvariant(),
    };
}
