using System.Text.Json.Serialization;

namespace ChatOps.Core.Envelopes;

/// <summary>What a queued envelope asks the worker to do. Each kind has one handler in the worker's table.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnvelopeKind>))]
public enum EnvelopeKind
{
    /// <summary>A command a person typed (mention, DM, slash command).</summary>
    Command,

    /// <summary>A click on a confirmation's Confirm or Cancel.</summary>
    Click,

    /// <summary>A click on an alert message's buttons (Silence, Show traces).</summary>
    AlertClick,

    /// <summary>An Alertmanager notification to post or update.</summary>
    AlertNotification,

    /// <summary>One look at a running deployment that a confirmation started.</summary>
    DeploymentFollow,

    /// <summary>One look at a profile a command started, posted in the thread once it is in.</summary>
    ProfileCollect,

    /// <summary>A reply Slack rate-limited earlier, kept to be posted once; nothing runs again.</summary>
    DeferredReply,

    /// <summary>One level of a paging alert's escalation, queued with the route's delay; acknowledged, silenced or
    /// resolved stops it.</summary>
    AlertEscalation,
}
