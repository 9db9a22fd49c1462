namespace ChatOps.Functions;

public enum AppMode
{
    /// <summary>Started by the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT is set): serves the
    /// function endpoints the host invokes.</summary>
    Host,

    /// <summary>No host: serves raw Slack requests on /api/slack and runs the queue in process.</summary>
    Local,
}
