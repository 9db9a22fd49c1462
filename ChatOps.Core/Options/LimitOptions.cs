namespace ChatOps.Core.Options;

/// <summary>Abuse limits (section "Limits"). Each refusal says which limit and what to do.</summary>
public sealed class LimitOptions
{
    public const string Section = "Limits";

    /// <summary>Requests to the slack function above this many bytes are refused before anything else
    /// (a real Slack request is a few KB; a click carries the message, tens of KB at most).</summary>
    public int MaxBodyBytes { get; set; } = 131_072;

    /// <summary>Longest command text, in characters.</summary>
    public int MaxCommandLength { get; set; } = 2000;

    /// <summary>Commands (and clicks) one user may run per minute, per instance; 0 turns the limit off.</summary>
    public int CommandsPerMinute { get; set; } = 20;

    /// <summary>Ops calls in flight at once in one instance; more wait their turn (within their deadline).</summary>
    public int MaxConcurrentOpsCalls { get; set; } = 8;
}
