namespace ChatOps.Core.Envelopes;

/// <summary>The kind of an envelope: its own, or, for an envelope queued before envelopes carried one, what its
/// fields say. A kept reply wins over everything else it carries: it only brings back an answer.</summary>
public static class EnvelopeKinds
{
    public static EnvelopeKind Of(CommandEnvelope envelope) => envelope.Kind ?? Infer(envelope);

    private static EnvelopeKind Infer(CommandEnvelope envelope) => envelope switch
    {
        { Deferred: not null } => EnvelopeKind.DeferredReply,
        { Escalation: not null } => EnvelopeKind.AlertEscalation,
        { Follow: not null } => EnvelopeKind.DeploymentFollow,
        { Profile: not null } => EnvelopeKind.ProfileCollect,
        { Alert: not null } => EnvelopeKind.AlertNotification,
        { Click: { } click } when Alerts.AlertActions.IsOurs(click.ActionId) => EnvelopeKind.AlertClick,
        { Click: not null } => EnvelopeKind.Click,
        _ => EnvelopeKind.Command,
    };

    /// <summary>The kind a click on <paramref name="actionId"/> is.</summary>
    public static EnvelopeKind OfClick(string actionId) =>
        Alerts.AlertActions.IsOurs(actionId) ? EnvelopeKind.AlertClick : EnvelopeKind.Click;
}
