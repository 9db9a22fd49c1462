using System.Text.RegularExpressions;
using ChatOps.Core.Replies;

namespace ChatOps.Core.Commands.Deploy;

/// <summary>The service word shared by deploy, rollback and deployments. The version is checked by the Ops
/// service against the service's own pattern (it knows it; the bot does not).</summary>
public static partial class DeployParsing
{
    public static string? ServiceProblem(string service) => ServiceName().IsMatch(service)
        ? null
        : $"A service name is letters, digits, `.`, `_` or `-`; got {Mrkdwn.Code(service)}.";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex ServiceName();
}
