namespace ChatOps.Core.Limits;

/// <summary>What a user is told when a limit stops their command, wherever the limit is checked.</summary>
public static class LimitReplies
{
    /// <summary>A command over Limits__MaxCommandLength (refused in a slash command's ack, or by the worker for a message).</summary>
    public static string TooLong(int length, int max) =>
        $":no_entry: That command is {length:N0} characters long; the limit is {max:N0}. Nothing was run.";
}
