using System.Text.Json.Serialization;

namespace ChatOps.Core.Envelopes;

/// <summary>Where a command came from, which decides where the answer goes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnvelopeSource>))]
public enum EnvelopeSource
{
    /// <summary>An @mention in a channel: answered in the mention's thread.</summary>
    Mention,

    /// <summary>A direct message: answered in the DM.</summary>
    DirectMessage,

    /// <summary>A slash command: answered through its response_url.</summary>
    SlashCommand,

    /// <summary>A click on one of the bot's buttons: answered through the click's response_url.</summary>
    Button,

    /// <summary>An Alertmanager notification: posted (or updated) in the channel its route names.</summary>
    Alertmanager,
}
