namespace ChatOps.OpsService.Profiles;

/// <summary>One profile being taken or taken; <see cref="Work"/> ends with the profile or the reason there is none.</summary>
public sealed record ProfileCapture(
    string Id,
    string Service,
    string Kind,
    int Seconds,
    string RequestedBy,
    string RequestId,
    DateTimeOffset StartedAt,
    DateTimeOffset ReadyAt,
    Task<ProfileTaken> Work);

/// <summary>The raw profile and its summary, or <see cref="Failure"/> (then no profile is kept).</summary>
public sealed record ProfileTaken(byte[] Raw, ProfileSummary? Summary, string? Failure)
{
    public static ProfileTaken Failed(string why) => new([], null, why);
}

/// <summary>A capture started (or found again), or why none was.</summary>
public sealed record ProfileStart(ProfileCapture? Capture, string? Refusal);
