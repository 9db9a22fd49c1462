using ChatOps.Core.Ops;
using ChatOps.Core.Ops.Model;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>The version the service itself reports (`deployed version <service>`: its own version query), for a
/// prompt (mrkdwn); a prompt still helps without it.</summary>
internal static class RunningVersion
{
    public static async Task<string> OfAsync(IOpsClient ops, string service, OpsCaller caller, CancellationToken ct)
    {
        try
        {
            var version = await ops.ServiceVersionAsync(service, caller, ct).ConfigureAwait(false);
            return version.Length > 0 ? Mrkdwn.Code(version) : "no version reported";
        }
        catch (OpsException ex) when (ex.Handling != Failures.FailureHandling.Retry)
        {
            return "an unknown version (the deployed version source did not answer)";
        }
    }
}
