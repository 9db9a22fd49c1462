using ChatOps.Core.Ops.Model;

namespace ChatOps.Core.Commands.Profiles;

public abstract record ProfileResult
{
    /// <summary>The Ops service is taking it; the worker collects it and posts it in the thread.</summary>
    public sealed record Started(ProfileInfo Profile) : ProfileResult, ICollectedResult;

    /// <summary>Nothing was taken: unknown service (with the list), a duration over the maximum, one already being taken.</summary>
    public sealed record Refused(string Service, string Why) : ProfileResult, IUserMistake;
}
