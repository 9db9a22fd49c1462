namespace ChatOps.Core.Alerts;

/// <summary>A claim check: the notification's alerts were too many for a queue message, so they wait in storage under
/// <see cref="Name"/> and the queued notification carries only its group, status and this. <see cref="DeliveryKey"/>
/// is the full notification's, so a re-sent notification is still one message.</summary>
public sealed record AlertBodyRef(string Name, string DeliveryKey, int Alerts)
{
    /// <summary>How every kept notification's name starts (the sweep lists them by it).</summary>
    public const string Prefix = "alertbody-";

    /// <summary>The full notification's order: once the body is removed, a redelivery can still tell whether the
    /// group's message already shows this state or a newer one.</summary>
    public AlertOrder? Order { get; init; }
}
