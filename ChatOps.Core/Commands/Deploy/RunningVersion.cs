using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>The version the service itself reports (`deployed version <service>`: its own version query), for a
/// prompt and for the check at Confirm; a prompt still helps without it.</summary>
internal static class RunningVersion
{
    /// <summary>The version reported now; null when none is reported or the source does not answer in a way retrying fixes.</summary>
    public static async Task<string?> ReadAsync(IOpsClient ops, string service, OpsCaller caller, CancellationToken ct)
    {
        try
        {
            var version = await ops.ServiceVersionAsync(service, caller, ct).ConfigureAwait(false);
            return version.Length > 0 ? version : null;
        }
        catch (OpsException ex) when (ex.Handling != Failures.FailureHandling.Retry)
        {
            return null;
        }
    }

    /// <summary>The same for a prompt (mrkdwn): the version, or words saying it is not known.</summary>
    public static string Shown(string? version) => version is { } v ? Mrkdwn.Code(v) : "no version reported (or the version source did not answer)";
}
