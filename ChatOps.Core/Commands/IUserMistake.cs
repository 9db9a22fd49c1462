namespace ChatOps.Core.Commands;

/// <summary>Marks a command result that answers a user's mistake (an unknown trace id, a help topic
/// that does not exist): it is still rendered as a reply, but reported as a mistake (exit code 2 in `ask`).</summary>
public interface IUserMistake;
