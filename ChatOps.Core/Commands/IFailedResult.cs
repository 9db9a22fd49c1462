namespace ChatOps.Core.Commands;

/// <summary>A result that is answered but is a failure (nothing the user asked for was delivered), with its own
/// audit outcome so the trail tells it apart from other failures.</summary>
public interface IFailedResult
{
    string AuditOutcome { get; }
}
