namespace ChatOps.Core.Failures;

/// <summary>
/// A backend failed in a way the person who asked should hear about. <see cref="UserMessage"/> is
/// safe to show (it names the service, never a secret); <see cref="Handling"/> says whether the
/// queue should try again or the failure is answered at once.
/// </summary>
public class ServiceFailureException(string userMessage, FailureHandling handling, Exception? inner = null)
    : Exception(userMessage, inner)
{
    public string UserMessage { get; } = userMessage;
    public FailureHandling Handling { get; } = handling;
}

public enum FailureHandling
{
    /// <summary>Transient (unreachable, overloaded): fail the invocation so the queue retries; on
    /// the last attempt the worker answers with <see cref="ServiceFailureException.UserMessage"/>.</summary>
    Retry,

    /// <summary>Retrying will not help (deadline, refused, internal error): answer now.</summary>
    Answer,

    /// <summary>The request itself was wrong (an unknown trace id, an argument the service refused).</summary>
    UserMistake,
}
