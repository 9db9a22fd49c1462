using ChatOps.Core.Envelopes;

namespace ChatOps.Core.Slack;

/// <summary>
/// What the HTTP function answers Slack, and the command to enqueue if any. Built without any I/O
/// so the 3-second ack never waits on the network.
/// </summary>
public sealed record SlackAck(int StatusCode, string Body, string ContentType, CommandEnvelope? Envelope, string Outcome)
{
    public static SlackAck Empty(string outcome) => new(200, "", "text/plain", null, outcome);

    public static SlackAck Json(string json, string outcome, CommandEnvelope? envelope = null) =>
        new(200, json, "application/json", envelope, outcome);

    public static SlackAck Unauthorized(string outcome) => new(401, "invalid request signature", "text/plain", null, outcome);

    public static SlackAck BadRequest(string why) => new(400, why, "text/plain", null, "malformed: " + why);
}
