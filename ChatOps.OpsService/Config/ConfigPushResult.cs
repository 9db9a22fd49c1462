namespace ChatOps.OpsService.Config;

/// <summary>How a push or a rollback ended. applied: the candidate is in place, reloaded and verified. restored:
/// the reload or the verification failed and <paramref name="Previous"/> is back (and reloaded). refused: nothing
/// was written (<paramref name="Refusal"/> says why). unchanged: the target already has that content.</summary>
public sealed record ConfigPushResult(
    string Outcome,
    string? Refusal,
    string Revision,
    string Previous,
    IReadOnlyList<string> Output,
    string Diff)
{
    public static ConfigPushResult Refused(string why, string current, IReadOnlyList<string>? output = null) =>
        new("refused", why, current, current, output ?? [], "");
}
