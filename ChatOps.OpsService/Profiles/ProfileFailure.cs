namespace ChatOps.OpsService.Profiles;

/// <summary>A profile that could not be taken or read, with the sentence the person who asked sees. Never carries a
/// token or the target's full answer.</summary>
public sealed class ProfileFailure(string reason, Exception? inner = null) : Exception(reason, inner);
