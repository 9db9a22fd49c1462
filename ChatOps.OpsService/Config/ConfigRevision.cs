using System.Security.Cryptography;

namespace ChatOps.OpsService.Config;

/// <summary>A revision is named by its content, so a file edited by hand on the box is a new revision too,
/// and "the target changed since" is a comparison of the file as it is now.</summary>
public static class ConfigRevision
{
    /// <summary>What a target that has no file yet is at.</summary>
    public const string None = "none";

    public static string Of(byte[]? content) =>
        content is null ? None : Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    public static bool IsWellFormed(string revision) =>
        revision == None || (revision.Length == 12 && revision.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'));
}
