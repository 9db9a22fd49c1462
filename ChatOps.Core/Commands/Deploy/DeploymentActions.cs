namespace ChatOps.Core.Commands.Deploy;

/// <summary>
/// The Roll back button of a deployment's final message. Its value is the command line a person would type
/// (`rollback &lt;service&gt;`), and a click runs that line as a typed command: the same access policy, the
/// same prompt with its signed target, the same two-person rule. There is no second way to roll back.
/// </summary>
public static class DeploymentActions
{
    public const string Rollback = "chatops.deployment.rollback";

    public static bool IsOurs(string? actionId) => actionId is Rollback;

    public static string RollbackValue(string service) => "rollback " + service;

    /// <summary>The command line a click's value stands for, or null when it is not `rollback` and one word:
    /// the value is the clicker's input like any typed text, and the button only ever says `rollback`.</summary>
    public static string? CommandLine(string value) =>
        CommandText.Words(value) is ["rollback", var service] && DeployParsing.ServiceProblem(service) is null ? "rollback " + service : null;
}
